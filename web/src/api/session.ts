import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Middleware } from 'openapi-fetch';
import { useCallback } from 'react';
import { ApiProblem, api, unwrap, type Me } from './client';
import { keys } from './query-keys';

/**
 * Who is signed in: GET /v1/me with the session cookie. null when nobody is (401); the desk
 * then sends the visit to /login.
 */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        return unwrap(await api.GET('/v1/me'));
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** The signed-in person; only for screens inside the signed-in shell. */
export function useSignedIn(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedIn outside the signed-in shell');
  return data;
}

/** The time zone dates are shown in: the person's own, else the workspace's (read once). */
export function useTimeZone(): string {
  const me = useMe().data;
  const workspace = useQuery({
    queryKey: keys.workspace,
    queryFn: async () => unwrap(await api.GET('/v1/workspace')),
    staleTime: 5 * 60_000,
    enabled: !!me && !me.timezone,
  });
  return me?.timezone ?? workspace.data?.timezone ?? 'UTC';
}

/** After a sign-in: the cache starts over as this person. */
export function useSignedInAs() {
  const queryClient = useQueryClient();
  return useCallback(
    (me: Me) => {
      queryClient.clear();
      queryClient.setQueryData(keys.me, me);
    },
    [queryClient],
  );
}

/** Where to go after signing in: the address a signed-out visit came from, if it is the desk's own. */
export function nextAddress(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/**
 * A session can end elsewhere: signed out in another tab, revoked in Settings, its user
 * deactivated. The next request then answers 401, and the desk forgets who was signed in, so
 * that RequireSession sends the visit to /login and back here after signing in. The sign-in
 * routes' own 401s (a wrong password) are theirs to show.
 */
export function sessionEndedOn401(queryClient: QueryClient): Middleware {
  return {
    onResponse({ request, response }) {
      const signingIn = new URL(request.url, window.location.origin).pathname.startsWith('/v1/auth/');
      if (response.status === 401 && !signingIn && queryClient.getQueryData(keys.me)) {
        // Told first, so that RequireSession (observing `me`) redirects; then the rest is forgotten.
        queryClient.setQueryData(keys.me, null);
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
      }
      return undefined;
    },
  };
}
