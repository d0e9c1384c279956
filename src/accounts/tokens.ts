import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: 256 random bits, prefixed so that leaked tokens are easy to grep for. */
export function generateToken(): string {
  return `ct_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored and looked up only by this hash. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
