import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { nextAddress, useMe } from '../api/session';
import { ErrorNote, Loading } from '../ui/controls';

/** A signed-out visit to a desk address goes to /login, and comes back here after signing in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const [path] = useLocation();
  const search = useSearch();
  if (me.isPending) return <Loading what="the desk" />;
  if (me.isError) return <ErrorNote>The desk cannot reach the service ({me.error.message}). Reload the page to try again.</ErrorNote>;
  if (!me.data) return <Redirect to={`/login?next=${encodeURIComponent(path + (search ? `?${search}` : ''))}`} replace />;
  return children;
}

/** The sign-in screen, for people not signed in; a signed-in visit goes on to the desk. */
export function SignedOutOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  const search = useSearch();
  if (me.isPending) return <Loading what="the desk" />;
  if (me.data) return <Redirect to={nextAddress(search)} replace />;
  return children;
}
