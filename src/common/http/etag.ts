import { AppError } from './app-error';

/** The strong ETag of a versioned resource: `"<version>"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an `If-Match` header asks for. Missing is 428 PRECONDITION_REQUIRED; a weak or
 * unparseable tag can never match a strong one, so it is 412 PRECONDITION_FAILED.
 * `*` matches whatever version is current (null).
 */
export function versionFromIfMatch(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '') {
    throw new AppError('PRECONDITION_REQUIRED', 'Send If-Match with the ETag of the version you read', {});
  }
  if (value.trim() === '*') return null;
  const versions = value
    .split(',')
    .map((tag) => /^\s*"?(\d{1,9})"?\s*$/.exec(tag)?.[1])
    .filter((v): v is string => v !== undefined);
  if (versions.length !== 1) throw new AppError('PRECONDITION_FAILED', `If-Match ${value} does not name one version of this resource`);
  return Number(versions[0]);
}

export function staleVersion(current: number): AppError {
  return new AppError('PRECONDITION_FAILED', `The resource has changed (now version ${current}); read it again and retry`, { currentVersion: current });
}
