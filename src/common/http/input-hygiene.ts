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
    findIn(request.params, '', 0) ??
    findIn(request.query, '', 0) ??
    findIn(request.headers, 'header ', 0) ??
    findIn(request.body, request.body !== null && typeof request.body === 'object' ? '' : 'body', 0)
  );
}

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

function findIn(root: unknown, rootPath: string, rootDepth: number): FieldError | undefined {
  const pending: Pending[] = [{ value: root, path: rootPath, depth: rootDepth }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = problemWithText(value);
      if (problem) return { field: fieldName(path), message: problem };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { field: fieldName(path), message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : joinPath(path, key);
      const keyProblem = problemWithText(key);
      if (keyProblem) return { field: fieldName(childPath), message: `its name ${keyProblem}` };
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
