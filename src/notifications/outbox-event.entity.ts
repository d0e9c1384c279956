import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const WEBHOOK_EVENT_TYPES = ['claim.created', 'claim.transitioned', 'claim.published', 'reminder.due'] as const;
export type EventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * The outbox: one row per thing that happened and must reach people or systems, written in
 * the same transaction as the change. Deliveries (inbox, e-mail, webhook) hang off it.
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
  notice: { title: string; text: string } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** When its webhook deliveries were created; null while waiting for the dispatcher. */
  @Column({ name: 'dispatched_at', type: 'timestamptz', precision: 3, nullable: true })
  dispatchedAt: Date | null;
}
