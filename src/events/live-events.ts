/**
 * What the live stream of a workspace carries (docs/api.md, "Live events"). A claim's timeline
 * entry of one of these types is also a live event (HistoryService); a new type is one more
 * name here, and, for a type that is not a timeline entry, one `EventLog.recordLive` call where
 * its change is written.
 */
export const LIVE_EVENT_TYPES = [
  'claim.created',
  'claim.updated',
  'claim.transitioned',
  'evidence.added',
  'evidence.removed',
  'reminder.scheduled',
  'reminder.cancelled',
  'comment.added',
  'comment.deleted',
  /** For the user it notifies alone. */
  'notification.created',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

export function isLiveEventType(type: string): type is LiveEventType {
  return (LIVE_EVENT_TYPES as readonly string[]).includes(type);
}

/** One event of a workspace's stream, as the relay publishes it and the API hosts send it. */
export interface LiveEvent {
  workspaceId: string;
  /** Its place in the workspace's stream: the SSE `id:`. */
  seq: number;
  /** Only this user may see it; null: everyone of the workspace. */
  userId: string | null;
  type: LiveEventType;
  /** When the change happened (its transaction's time), ISO 8601. */
  at: string;
  claimId: string | null;
  data: Record<string, unknown>;
}

/** A numbered live row of outbox_events, as PostgreSQL answers it. */
export interface LiveEventRow {
  workspace_id: string;
  seq: string;
  user_id: string | null;
  type: LiveEventType;
  created_at: Date;
  claim_id: string | null;
  payload: Record<string, unknown>;
}

/** The columns of a LiveEventRow (alias `o` for outbox_events). */
export const LIVE_EVENT_COLUMNS = 'o.workspace_id, o.seq, o.user_id, o.type, o.created_at, o.claim_id, o.payload';

export function liveEventOf(row: LiveEventRow): LiveEvent {
  return {
    workspaceId: row.workspace_id,
    seq: Number(row.seq),
    userId: row.user_id,
    type: row.type,
    at: row.created_at.toISOString(),
    claimId: row.claim_id,
    data: row.payload,
  };
}

/** The Redis pub/sub channel that carries numbered live events to every API host. */
export function liveChannel(queuePrefix: string): string {
  return `${queuePrefix}:live-events`;
}
