import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { keys } from '../api/query-keys';

/** How many unread notifications a count reads up to; more shows as `200+`. */
const COUNT_LIMIT = 200;

/**
 * The person's unread count, for the header. Kept fresh by the live stream's
 * `notification.created` (which invalidates keys.notifications), not by polling.
 */
export function useUnreadCount(): { count: number; more: boolean } | undefined {
  const { data } = useQuery({
    queryKey: keys.unreadCount,
    queryFn: async () => unwrap(await api.GET('/v1/me/notifications', { params: { query: { unread: true, limit: COUNT_LIMIT } } })),
    select: (page) => ({ count: page.items.length, more: page.nextCursor !== null }),
  });
  return data;
}

/** The Inbox link's accessible name (docs/desk.md, "Screens"): `Inbox, 3 unread`, or `Inbox` when none. */
export function inboxLabel(unread: { count: number; more: boolean } | undefined): string {
  if (!unread || unread.count === 0) return 'Inbox';
  return `Inbox, ${unread.count}${unread.more ? '+' : ''} unread`;
}
