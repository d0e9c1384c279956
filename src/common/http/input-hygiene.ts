import { isUtf8 } from 'node:buffer';
import type { FastifyRequest } from 'fastify';
import type { FieldError } from './app-error';

/** Deeper than this, a JSON body is refused before anything walks it again (validation, storage). */
export const MAX_INPUT_DEPTH = 32;

const NUL = '\u0000';

/**
 * Finds the first piece of input that PostgreSQL could not store or that is not valid Unicode —
 * a NUL character or an unpaired UTF-16 surrogate, in a key or a value — or a body nested too
 * deep, anywhere in a request's path parameters, query, headers or body (docs/api.md,
 * "Bad input"). One walk for every route, so no field has to remember to check.
 */
export function findUnstorableInput(request: FastifyRequest): FieldError | undefined {
  return (
    findIn(request.params, '', 0, problemWithText) ??
    findBadQueryEncoding(request.url) ??
    findIn(request.query, '', 0, problemWithText, problemWithFieldName) ??
    findIn(request.headers, 'header ', 0, problemWithText) ??
    findIn(request.body, request.body !== null && typeof request.body === 'object' ? '' : 'body', 0, problemWithText, problemWithFieldName)
  );
}

/**
 * The names of Object.prototype's members (`constructor`, `toString`, `__proto__`…). No field
 * or query parameter of the API has one, and a lookup by such a name in a plain object finds the
 * inherited member, so the validator's own unknown-field check lets them through unnoticed.
 */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

function problemWithFieldName(name: string): string | undefined {
  const problem = problemWithText(name);
  if (problem) return `its name ${problem}`;
  return PROTOTYPE_NAMES.has(name) ? 'is not a known field' : undefined;
}

const NOT_UTF8 = 'is not valid Unicode (its bytes are not UTF-8)';

/** A client's header value, short and printable, for a problem's detail. */
const quoted = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/**
 * Why a JSON body cannot be read as it was sent, if it cannot: the API takes JSON uncompressed
 * and in UTF-8 only, so a body with a `Content-Encoding` (gzip…) or another declared `charset` is
 * a 415 that says so, rather than bytes misread as UTF-8 text.
 */
export function unreadableBodyEncoding(headers: FastifyRequest['headers']): string | undefined {
  const coding = headers['content-encoding']?.trim().toLowerCase();
  if (coding && coding !== 'identity') return `Content-Encoding ${quoted(coding)} is not accepted: send the body uncompressed`;
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(headers['content-type'] ?? '')?.[1].toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return `charset ${quoted(charset)} is not accepted: send JSON in UTF-8`;
  return undefined;
}

/**
 * A JSON body whose bytes are not UTF-8, naming the field that holds them (or `body`). Decoded
 * as text first, such bytes would silently become U+FFFD, and be stored so.
 */
export function findInvalidUtf8(body: Buffer): FieldError | undefined {
  if (isUtf8(body)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { field: 'body', message: NOT_UTF8 };
  }
  const replaced = (text: string) => (text.includes('\uFFFD') ? NOT_UTF8 : undefined);
  return findIn(parsed, parsed !== null && typeof parsed === 'object' ? '' : 'body', 0, replaced) ?? { field: 'body', message: NOT_UTF8 };
}

/**
 * A query parameter whose percent-encoding is not UTF-8 (`%FF`, an encoded surrogate) or not
 * percent-encoding at all (`%zz`). The query parser keeps such a value as U+FFFD or as it came,
 * so it is looked for in the raw URL.
 */
function findBadQueryEncoding(url: string): FieldError | undefined {
  const start = url.indexOf('?');
  if (start < 0) return undefined;
  for (const pair of url.slice(start + 1).split('&')) {
    if (decoded(pair) !== undefined) continue;
    const name = decoded(pair.split('=', 1)[0]) ?? 'query';
    return { field: fieldName(name), message: 'is not valid percent-encoded UTF-8' };
  }
  return undefined;
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

function findIn(
  root: unknown,
  rootPath: string,
  rootDepth: number,
  checkText: (text: string) => string | undefined,
  checkKey: (key: string) => string | undefined = (key) => {
    const problem = checkText(key);
    return problem && `its name ${problem}`;
  },
): FieldError | undefined {
  const pending: Pending[] = [{ value: root, path: rootPath, depth: rootDepth }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = checkText(value);
      if (problem) return { field: fieldName(path), message: problem };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { field: fieldName(path), message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : joinPath(path, key);
      const keyProblem = Array.isArray(value) ? undefined : checkKey(key);
      if (keyProblem) return { field: fieldName(childPath), message: keyProblem };
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

function problemWithText(text: string): string | undefined {
  if (text.includes(NUL)) return 'contains a NUL character, which cannot be stored';
  if (!text.isWellFormed()) return 'is not valid Unicode (an unpaired UTF-16 surrogate)';
  return undefined;
}

function joinPath(path: string, key: string): string {
  if (path === '') return key;
  return path.endsWith(' ') ? `${path}${key}` : `${path}.${key}`;
}

/** The field as the client can read it: no control characters or lone surrogates, not too long. */
function fieldName(path: string): string {
  const printable = Array.from(path.toWellFormed(), (char) => (isControl(char) ? '?' : char)).join('');
  const shown = printable === '' ? 'body' : printable;
  return shown.length > 120 ? `${shown.slice(0, 117)}...` : shown;
}

function isControl(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f;
}
