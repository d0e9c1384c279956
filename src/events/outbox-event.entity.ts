import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every kind of event the log carries. */
export const EVENT_TYPES = ['claim.created', 'claim.transitioned', 'claim.published', 'reminder.due', 'digest', 'claim.overdue'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The event log (a transactional outbox): one row per thing that happened, written in the
 * same transaction as the change, so that it exists exactly when the change does. It names
 * no channel: notifications/ turns events into inbox entries, e-mails and webhook calls.
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_undispatched_idx', ['createdAt'], { where: 'dispatched_at IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text' })
  type: EventType;

  /** The event's `data`, exactly as webhook receivers get it. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** For people (inbox and e-mail): a title and a text. Null for events meant for systems only. */
  @Column({ type: 'jsonb', nullable: true })
  notice: { title: string; text: string; html?: string } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** When its webhook deliveries were created; null while waiting for the dispatcher. */
  @Column({ name: 'dispatched_at', type: 'timestamptz', precision: 3, nullable: true })
  dispatchedAt: Date | null;
}
