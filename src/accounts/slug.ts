import { randomBytes } from 'node:crypto';

/** `[a-z0-9-]{3,40}`: a workspace's slug, the address of its public tracker. */
export const SLUG_PATTERN = /^[a-z0-9-]{3,40}$/;

/**
 * A slug made from a workspace's name: lower case latin letters and digits, every other run of
 * characters one `-`. A name with too few of those ("Дежурка") gets `workspace-<random>`.
 */
export function slugFromName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return base.length >= 3 ? base : withSuffix('workspace');
}

/** The slug with a random suffix, for when the plain one is taken. */
export function withSuffix(slug: string): string {
  return `${slug.slice(0, 33).replace(/-+$/, '')}-${randomBytes(3).toString('hex')}`;
}
