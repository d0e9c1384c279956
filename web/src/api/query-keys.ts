/**
 * The query cache's keys, by resource. Screens read through these, and live events invalidate
 * through them (live/event-keys.ts): one naming, so an event always reaches the screen showing
 * what it changed.
 */
export const keys = {
  me: ['me'] as const,
  workspace: ['workspace'] as const,
  users: ['users'] as const,
  /** Every list of claims: the board's columns, the list, similar-claims lookups. */
  claims: ['claims'] as const,
  claimLists: (params: Record<string, unknown>) => ['claims', 'list', params] as const,
  /** One claim and everything under it (history, evidence, reminders, comments …). */
  claim: (id: string) => ['claim', id] as const,
  claimPart: (id: string, part: 'history' | 'evidence' | 'reminders' | 'similar' | 'claimreview' | 'comments') => ['claim', id, part] as const,
  reminders: ['reminders'] as const,
  notifications: ['notifications'] as const,
  unreadCount: ['notifications', 'unread'] as const,
  sources: ['sources'] as const,
};
