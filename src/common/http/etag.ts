import { AppError } from './app-error';

/** The strong ETag of a versioned resource: `"<version>"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * What an `If-Match` header accepts: `any` for `*`, else the versions it names. A list
 * (`"3", "4"`) matches when any of its tags is the current one (RFC 9110, 13.1.1).
 */
export type IfMatch = 'any' | readonly number[];

/**
 * Reads `If-Match`. Missing is 428 PRECONDITION_REQUIRED. Weak tags never match a strong one
 * and are passed over; a header with no tag that could match is 412 PRECONDITION_FAILED.
 */
export function versionFromIfMatch(header: string | string[] | undefined): IfMatch {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '') {
    throw new AppError('PRECONDITION_REQUIRED', 'Send If-Match with the ETag of the version you read', {});
  }
  if (value.trim() === '*') return 'any';
  const versions = value
    .split(',')
    .map((tag) => /^\s*"?(\d{1,9})"?\s*$/.exec(tag)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
  if (versions.length === 0) throw new AppError('PRECONDITION_FAILED', `If-Match ${value} names no version of this resource`);
  return versions;
}

/** Throws 412 unless `current` is a version the request's `If-Match` accepts. */
export function requireMatch(ifMatch: IfMatch, current: number): void {
  if (ifMatch !== 'any' && !ifMatch.includes(current)) throw staleVersion(current);
}

export function staleVersion(current: number): AppError {
  return new AppError('PRECONDITION_FAILED', `The resource has changed (now version ${current}); read it again and retry`, { currentVersion: current });
}

/**
 * Whether an `If-None-Match` header matches a representation's ETag (RFC 9110 §13.1.2): `*`
 * matches any, and the comparison is weak (a `W/` prefix is ignored).
 */
export function noneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return value.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}
