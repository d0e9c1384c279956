import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, expectOk, unwrap } from '../api/client';
import { keys } from '../api/query-keys';
import { problemInWords } from '../api/problems';
import { useTimeZone } from '../api/session';
import { Button, EmptyState, ErrorNote, Loading } from '../ui/controls';
import { dateTime, relativeTime } from '../ui/format';
import { LoadMore } from '../ui/lists';
import { digestSections, typeWord, type InboxEntry } from './inbox';
import { useUnreadCount } from './unread';

const PAGE_SIZE = 50;

async function markRead(id: string): Promise<void> {
  expectOk(await api.POST('/v1/me/notifications/{id}/read', { params: { path: { id } } }));
}

/** The person's notifications, newest first (the API's order); unread ones marked in words. */
export function Inbox() {
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [marking, setMarking] = useState(false);
  const [error, setError] = useState('');
  // The header's count: unread entries may lie beyond the pages loaded here.
  const unread = useUnreadCount();
  const pages = useInfiniteQuery({
    queryKey: [...keys.notifications, 'list', { unreadOnly }],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/me/notifications', {
          params: { query: { limit: PAGE_SIZE, ...(unreadOnly ? { unread: true } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.notifications });

  // Opening an entry goes to its claim at once; the read mark follows in the background.
  const open = (entry: InboxEntry) => {
    if (entry.readAt) return;
    markRead(entry.id)
      .catch(() => undefined)
      .finally(() => void refresh());
  };

  const entries = pages.data?.pages.flatMap((page) => page.items) ?? [];

  // Every unread entry up to the newest one shown, in one request: one arriving meanwhile stays unread.
  const markAllRead = async () => {
    setMarking(true);
    setError('');
    try {
      const newest = entries[0];
      unwrap(await api.POST('/v1/me/notifications/read', { body: newest ? { upTo: newest.createdAt } : {} }));
    } catch (problem) {
      setError(`The notifications could not be marked read: ${problemInWords(problem)}`);
    } finally {
      setMarking(false);
      await refresh();
    }
  };

  const now = new Date();
  return (
    <>
      <div className="filters">
        <div className="field field-inline">
          <input id="inbox-unread" type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} />
          <label htmlFor="inbox-unread">Unread only</label>
        </div>
        <Button onPress={() => void markAllRead()} isDisabled={marking || !unread || unread.count === 0}>
          {marking ? 'Marking all read…' : 'Mark all read'}
        </Button>
      </div>
      <ErrorNote>{error}</ErrorNote>
      {pages.isPending && <Loading what="notifications" />}
      {pages.isError && <ErrorNote>The inbox could not be loaded: {problemInWords(pages.error)}</ErrorNote>}
      {pages.data && entries.length === 0 && (
        <EmptyState>
          {unreadOnly
            ? 'Nothing unread. Untick Unread only to see earlier notifications.'
            : 'Nothing here yet. Reminders, mentions and news of the claims you follow arrive here; add a reminder on a claim’s page to be brought back to it.'}
        </EmptyState>
      )}
      {entries.length > 0 && (
        <ul className="rows" aria-label="Notifications">
          {entries.map((entry) => (
            <InboxRow key={entry.id} entry={entry} now={now} timeZone={timeZone} onOpen={open} />
          ))}
        </ul>
      )}
      <LoadMore query={pages} what="notifications" />
    </>
  );
}

function InboxRow({ entry, now, timeZone, onOpen }: { entry: InboxEntry; now: Date; timeZone: string; onOpen: (entry: InboxEntry) => void }) {
  const unread = !entry.readAt;
  const sections = entry.type === 'digest' ? digestSections(entry.data) : [];
  return (
    <li className={`row-item${unread ? ' is-unread' : ''}`}>
      <div className="row-split">
        <div className="stack-tight">
          {entry.claimId ? (
            <Link href={`/claims/${entry.claimId}`} className="row-title" onClick={() => onOpen(entry)}>
              {entry.message}
            </Link>
          ) : (
            <span className="row-title">{entry.message}</span>
          )}
          <span className="row-meta">
            {unread && <span className="unread-mark">Unread</span>}
            <span>{typeWord(entry.type)}</span>
            <time dateTime={entry.createdAt} title={dateTime(entry.createdAt, timeZone)}>
              {relativeTime(entry.createdAt, now)}
            </time>
          </span>
          {sections.map((section) => (
            <div key={section.title} className="digest-section">
              <h3>{section.title}</h3>
              <ul className="link-list">
                {section.claims.map((claim) => (
                  <li key={claim.id}>
                    <Link href={`/claims/${claim.id}`} onClick={() => onOpen(entry)}>
                      {claim.text}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
        {unread && !entry.claimId && (
          <Button variant="quiet" onPress={() => onOpen(entry)} aria-label={`Mark read: ${entry.message}`}>
            Mark read
          </Button>
        )}
      </div>
    </li>
  );
}
