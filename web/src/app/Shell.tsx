import { Suspense, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useLiveEvents } from '../live/use-live-events';
import { inboxLabel, useUnreadCount } from '../notifications/unread';
import { useSignedIn } from '../api/session';
import { UserMenu } from '../people/UserMenu';
import { Button, Loading } from '../ui/controls';

const NAV = [
  { to: '/', label: 'Board', end: true },
  { to: '/claims', label: 'Claims', end: false },
  { to: '/sources', label: 'Sources', end: false },
  { to: '/reminders', label: 'Reminders', end: false },
] as const;

/**
 * Every signed-in screen's frame (docs/desk.md, "Screens"): the workspace's name, the navigation, the unread
 * count on `Inbox` (live), the user's menu; and the live stream that keeps every screen fresh.
 */
export function Shell({ children }: { children: ReactNode }) {
  const me = useSignedIn();
  const live = useLiveEvents(true);
  const unread = useUnreadCount();
  const [path] = useLocation();
  const current = (to: string, end: boolean) => (end ? path === to : path === to || path.startsWith(`${to}/`));
  // On a phone the navigation folds behind `Menu`, so that the header keeps to one line. It is open
  // at the address where it was opened: choosing a screen folds it again.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const navOpen = openAt === path;
  const setNavOpen = (open: boolean) => setOpenAt(open ? path : null);
  const navToggle = useRef<HTMLButtonElement>(null);
  // Escape folds the links back; focus, which may have been on one of them, returns to Menu.
  const foldOnEscape = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || !navOpen) return;
    setNavOpen(false);
    navToggle.current?.focus();
  };
  const unreadCount = unread && unread.count > 0 ? `${unread.count}${unread.more ? '+' : ''}` : null;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={navOpen ? 'header nav-open' : 'header'} onKeyDown={foldOnEscape}>
        <span className="workspace-name">{me.workspace.name}</span>
        <Button ref={navToggle} variant="quiet" className="nav-toggle" aria-expanded={navOpen} aria-controls="main-nav" onPress={() => setNavOpen(!navOpen)}>
          Menu
          {unreadCount && (
            <>
              <span className="badge" aria-hidden="true">
                {unreadCount}
              </span>
              <span className="visually-hidden">, {unreadCount} unread</span>
            </>
          )}
        </Button>
        <nav aria-label="Main" className="nav" id="main-nav">
          {NAV.map((item) => (
            <Link key={item.to} href={item.to} className={navClass(current(item.to, item.end))} aria-current={current(item.to, item.end) ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
          <Link
            href="/inbox"
            className={navClass(current('/inbox', false))}
            aria-current={current('/inbox', false) ? 'page' : undefined}
            aria-label={inboxLabel(unread)}
          >
            Inbox
            {unreadCount && (
              <span className="badge" aria-hidden="true">
                {unreadCount}
              </span>
            )}
          </Link>
          <Link href="/settings" className={navClass(current('/settings', false))} aria-current={current('/settings', false) ? 'page' : undefined}>
            Settings
          </Link>
        </nav>
        <span className={`live-dot live-${live}`} title={live === 'open' ? 'Live updates on' : 'Live updates reconnecting'}>
          <span className="visually-hidden">{live === 'open' ? 'Live updates on' : 'Live updates reconnecting'}</span>
        </span>
        <UserMenu />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the screen" />}>{children}</Suspense>
      </main>
    </div>
  );
}

function navClass(active: boolean): string {
  return active ? 'nav-link active' : 'nav-link';
}
