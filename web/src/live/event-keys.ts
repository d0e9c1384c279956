import { keys } from '../api/query-keys';

/** What a live event says (docs/api.md, "Live events"): `data:` of one SSE message. */
export interface LiveMessage {
  type: string;
  at: string;
  claimId?: string | null;
  data?: Record<string, unknown>;
}

/**
 * The cached queries a live event makes stale. Events invalidate; they never patch the cache
 * by hand, so what the screen shows is always what the API answers.
 */
export function keysToInvalidate(message: LiveMessage): ReadonlyArray<readonly unknown[]> {
  const claim = message.claimId ? [keys.claim(message.claimId)] : [];
  switch (message.type) {
    case 'claim.created':
      // A claim tracked from a source turns its suggestion into `Tracked` for everyone.
      return [keys.claims, ...claim, keys.reminders, keys.sources];
    case 'claim.updated':
    case 'claim.transitioned':
      return [keys.claims, ...claim, keys.reminders];
    case 'evidence.added':
    case 'evidence.removed':
    case 'comment.added':
    case 'comment.deleted':
      return claim;
    case 'reminder.scheduled':
    case 'reminder.cancelled':
      return [keys.reminders, ...claim];
    case 'notification.created':
      return [keys.notifications];
    default:
      // `reset` (the stream could not replay what was missed) and any type this desk does not
      // know yet: everything may be stale.
      return [[]];
  }
}
