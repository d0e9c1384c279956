import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { ApiProblem, api } from '../api/client';
import { sessionEndedOn401 } from '../api/session';
import { Loading } from '../ui/controls';
import { RequireSession, SignedOutOnly } from './RequireSession';
import { BoardScreen } from './screens/BoardScreen';
import { Shell } from './Shell';

// The board is the first screen after signing in and is in the main bundle; every other screen
// is its own chunk, loaded when first visited (docs/desk.md, "Performance budgets": the JavaScript budget is for the board).
const LoginPage = lazy(() => import('../people/LoginPage').then((m) => ({ default: m.LoginPage })));
const InvitePage = lazy(() => import('../people/InvitePage').then((m) => ({ default: m.InvitePage })));
const ResetPage = lazy(() => import('../people/ResetPage').then((m) => ({ default: m.ResetPage })));
const ClaimScreen = lazy(() => import('./screens/ClaimScreen').then((m) => ({ default: m.ClaimScreen })));
const ClaimsListScreen = lazy(() => import('./screens/ClaimsListScreen').then((m) => ({ default: m.ClaimsListScreen })));
const NewClaimScreen = lazy(() => import('./screens/NewClaimScreen').then((m) => ({ default: m.NewClaimScreen })));
const SourcesScreen = lazy(() => import('./screens/SourcesScreen').then((m) => ({ default: m.SourcesScreen })));
const InboxScreen = lazy(() => import('./screens/InboxScreen').then((m) => ({ default: m.InboxScreen })));
const RemindersScreen = lazy(() => import('./screens/RemindersScreen').then((m) => ({ default: m.RemindersScreen })));
const SettingsScreen = lazy(() => import('./screens/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
const NotFoundScreen = lazy(() => import('./screens/NotFoundScreen').then((m) => ({ default: m.NotFoundScreen })));

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Live events invalidate what changed; a refetch on focus catches up after a sleep.
      staleTime: 30_000,
      retry: (failures, error) => !(error instanceof ApiProblem && error.status < 500) && failures < 2,
    },
  },
});

api.use(sessionEndedOn401(queryClient));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>;
}

/** The desk's addresses (docs/desk.md, "Screens"); the API hosts answer index.html for each of them. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Switch>
        <Route path="/login">
          <SignedOutOnly>
            <Page>
              <LoginPage />
            </Page>
          </SignedOutOnly>
        </Route>
        <Route path="/invite/:code">
          <Page>
            <InvitePage />
          </Page>
        </Route>
        <Route path="/reset/:code">
          <Page>
            <ResetPage />
          </Page>
        </Route>
        <Route>
          <RequireSession>
            <Shell>
              <Switch>
                <Route path="/" component={BoardScreen} />
                <Route path="/claims" component={ClaimsListScreen} />
                <Route path="/claims/new" component={NewClaimScreen} />
                <Route path="/claims/:id" component={ClaimScreen} />
                <Route path="/sources" component={SourcesScreen} />
                <Route path="/sources/:id" component={SourcesScreen} />
                <Route path="/inbox" component={InboxScreen} />
                <Route path="/reminders" component={RemindersScreen} />
                <Route path="/settings" component={SettingsScreen} />
                <Route component={NotFoundScreen} />
              </Switch>
            </Shell>
          </RequireSession>
        </Route>
      </Switch>
    </QueryClientProvider>
  );
}
