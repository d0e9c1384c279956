import type { CookieSerializeOptions } from '@fastify/cookie';

/** The desk's session cookie (docs/api.md, "Signing in (people)"). */
export const SESSION_COOKIE = 'claimtrack_session';

/** Methods that change nothing (RFC 9110 §9.2.1): no same-origin check for them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** HttpOnly, SameSite=Lax, Path=/, and Secure when the desk is served over https. */
export function sessionCookieOptions(publicUrl: string, maxAgeSeconds?: number): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: publicUrl.startsWith('https:'), ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

/**
 * A cookie-carried request that changes something must come from the desk's own origin, so
 * that another site cannot make a signed-in browser act (cross-site request forgery).
 */
export function isCrossSiteWrite(method: string, headers: Record<string, string | string[] | undefined>, publicOrigin: string): boolean {
  if (SAFE_METHODS.has(method)) return false;
  if (headers['sec-fetch-site'] === 'same-origin') return false;
  return headers.origin !== publicOrigin;
}
