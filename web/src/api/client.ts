import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * The desk's one way to the API: typed by the OpenAPI document (schema.d.ts, generated), same
 * origin, the session cookie and nothing else (no token is ever kept in the browser).
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export type Schemas = components['schemas'];
export type Claim = Schemas['ClaimView'];
export type Me = Schemas['MeView'];

/** An answer the API refused, with its problem document (docs/api.md, "Errors"). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: Array<{ field: string; message: string }> = [],
    readonly allowed: string[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

function asProblem(status: number, body: unknown): ApiProblem {
  const doc = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(doc.errors) ? (doc.errors as Array<{ field: string; message: string }>) : [];
  const allowed = Array.isArray(doc.allowed) ? (doc.allowed as string[]) : [];
  const detail = typeof doc.detail === 'string' ? doc.detail : `The service answered ${status}.`;
  return new ApiProblem(status, typeof doc.code === 'string' ? doc.code : 'UNKNOWN', detail, errors, allowed, doc);
}

/** The data of an openapi-fetch answer, or its problem thrown. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw asProblem(result.response.status, result.error);
}

/** An answer with no body (204, 202): throws its problem when refused. */
export function expectOk(result: { error?: unknown; response: Response }): void {
  if (!result.response.ok) throw asProblem(result.response.status, result.error);
}

/** The If-Match of a claim: its ETag is its version (docs/api.md, "Concurrency"). */
export function ifMatch(claim: { version: number }): string {
  return `"${claim.version}"`;
}

/** A new Idempotency-Key for a creating POST, so a retried click never creates twice. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
