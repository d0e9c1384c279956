import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { hash, verify, type Options } from '@node-rs/argon2';
import pLimit from 'p-limit';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonWords } from '@zxcvbn-ts/language-common';
import { dictionary as englishWords, translations } from '@zxcvbn-ts/language-en';

/**
 * argon2id with OWASP's first recommended parameters (19 MiB, two passes, one lane). The
 * binding hashes on libuv's thread pool, so a sign-in never blocks the API host's event loop.
 */
const ARGON2ID: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Hashes in flight at once: one core fewer than the host has. Off the event loop is not enough:
 * with four pool threads hashing on two cores, the loop itself waited for CPU and every other
 * request on the host slowed down (bench/people: event-loop lag p99 54–113 ms, against 13 ms
 * with this limit, for the same sign-ins per second). Hashing is CPU-bound, so queueing the rest
 * costs no throughput.
 */
const hashing = pLimit(Math.max(1, availableParallelism() - 1));

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable: moderate protection from offline attacks". */
const MIN_STRENGTH = 3;

const estimator = new ZxcvbnFactory({ translations, graphs: adjacencyGraphs, dictionary: { ...commonWords, ...englishWords } });

export function hashPassword(password: string): Promise<string> {
  return hashing(() => hash(password, ARGON2ID));
}

let dummyHash: Promise<string> | undefined;

/**
 * Whether the password fits the stored hash. With no hash (no such user, or no password yet) a
 * hash is still verified, so that the answer takes as long as for a real user.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const dummy = await dummyHash;
    await hashing(() => verify(dummy, password)).catch(() => false);
    return false;
  }
  return hashing(() => verify(stored, password)).catch(() => false);
}

/** Why a new password is refused (a sentence the desk can show), or null when it is fine. */
export function passwordProblem(password: string, email: string, name?: string | null): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (password.trim().toLowerCase() === email.toLowerCase()) return 'must not be your e-mail address';
  const personal = [email, email.split('@')[0], ...(name ? name.split(/\s+/) : [])].filter((w) => w.length > 2);
  const result = estimator.check(password, personal);
  if (result.score >= MIN_STRENGTH) return null;
  const reason = result.feedback.warning ?? 'This password would be easy to guess.';
  const hint = result.feedback.suggestions[0];
  return `is too easy to guess: ${reason}${hint ? ` ${hint}` : ''}`;
}
