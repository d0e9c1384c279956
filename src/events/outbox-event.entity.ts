import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every kind of event the log carries for systems and people (webhooks, inbox, e-mail). */
export const EVENT_TYPES = [
  'claim.created',
  'claim.transitioned',
  'claim.published',
  'reminder.due',
  'digest',
  'claim.overdue',
  // For people only: no webhook subscribes to them.
  'mention',
  'claim.activity',
  // An invitation or password-reset e-mail: its text, which holds the sign-in link, is sealed.
  'sign_in',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The event log (a transactional outbox): one row per thing that happened, written in the
 * same transaction as the change, so that it exists exactly when the change does. It names
 * no channel: notifications/ turns events into inbox entries, e-mails and webhook calls, and
 * live rows (`live`) go to the workspace's stream of live events (GET /v1/events).
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_undispatched_idx', ['createdAt'], { where: 'dispatched_at IS NULL' })
@Index('outbox_events_live_pending_idx', ['pos'], { where: 'live AND seq IS NULL' })
@Index('outbox_events_live_seq_key', ['workspaceId', 'seq'], { unique: true, where: 'seq IS NOT NULL' })
@Index('outbox_events_live_created_idx', ['createdAt'], { where: 'live' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  /** An EventType, or a LiveEventType on live rows. */
  @Column({ type: 'text' })
  type: string;

  /** The event's `data`, exactly as webhook receivers (or, on live rows, stream readers) get it. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** For people (inbox and e-mail): a title and a text. Null for events meant for systems only. */
  @Column({ type: 'jsonb', nullable: true })
  notice: { title: string; text: string; html?: string; sealed?: boolean } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** When its webhook deliveries were created; null while waiting for the dispatcher. */
  @Column({ name: 'dispatched_at', type: 'timestamptz', precision: 3, nullable: true })
  dispatchedAt: Date | null;

  /** Insertion order, also within one transaction: the order in which live rows are numbered. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  pos: string;

  /** A row of the workspace's live stream (GET /v1/events) rather than of webhooks and inboxes. */
  @Column({ type: 'boolean', default: false })
  live: boolean;

  /**
   * The live row's place in its workspace's stream (the SSE `id:`), given after commit by the
   * relay (LiveRelay), one after another per workspace; null until then.
   */
  @Column({ type: 'bigint', nullable: true })
  seq: string | null;

  /** The claim a live event is about, if any. */
  @Column({ name: 'claim_id', type: 'uuid', nullable: true })
  claimId: string | null;

  /** A live event for this user alone (notification.created); null: for the whole workspace. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;
}
