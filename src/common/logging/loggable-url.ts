import type { FastifyRequest } from 'fastify';

/** Path parameters that are credentials: an invitation or reset code, a calendar feed's secret file name. */
const SECRET_PATH_PARAMS = new Set(['code', 'file']);

/**
 * Where a credential sits in an address that matched no route (a trailing slash, another method,
 * another case): everything after one of these segments. Such a request uses no credential, but
 * the address may still hold one.
 */
const SECRET_AFTER = /\/(invitations|password-resets|invite|reset|cal)\/.*$/i;

type LoggableRequest = Pick<FastifyRequest, 'url' | 'params'> & { routeOptions?: { url?: string } };

/**
 * The request's address as the log shows it: some addresses are credentials (an invitation or
 * reset code, a calendar feed's secret file name, the desk's /invite/<code> and /reset/<code>),
 * and a log line must never be enough to use one — whether or not the request matched a route.
 */
export function loggableUrl(request: LoggableRequest): string {
  const queryAt = request.url.indexOf('?');
  const query = queryAt < 0 ? '' : redactedQuery(request.url.slice(queryAt));
  const pattern = request.routeOptions?.url;
  if (!pattern) return redactedPath(queryAt < 0 ? request.url : request.url.slice(0, queryAt)) + query;
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const secretWildcard = /^\/(invite|reset)\//.test(pattern);
  const path = pattern.replace(/:(\w+)|\*/g, (_match, name: string | undefined) => {
    if (name === undefined) return secretWildcard ? '[redacted]' : (params['*'] ?? '');
    return SECRET_PATH_PARAMS.has(name) ? '[redacted]' : encodeURIComponent(params[name] ?? '');
  });
  return path + query;
}

/** A path that matched no route, with whatever follows a credential-bearing segment redacted. */
export function redactedPath(path: string): string {
  return path.replace(SECRET_AFTER, (_match, segment: string) => `/${segment}/[redacted]`);
}

/** A claim's text not yet tracked (GET /v1/claims/similar?text=…) is the desk's draft: not for the log. */
function redactedQuery(query: string): string {
  return query.replace(/([?&]text=)[^&]*/g, '$1[redacted]');
}
