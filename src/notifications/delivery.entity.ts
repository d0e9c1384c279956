import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OutboxEvent } from '../events/outbox-event.entity';

export const CHANNELS = ['inbox', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event to one target through one channel. Unique per (event, channel, target): however
 * often a job runs, an event reaches each target once. Its id is the `webhook-id` receivers
 * see on every retry.
 */
@Entity({ name: 'deliveries' })
@Index('deliveries_event_channel_target_key', ['eventId', 'channel', 'target'], { unique: true })
@Index('deliveries_due_idx', ['nextAttemptAt'], { where: `status IN ('pending', 'failed')` })
@Index('deliveries_status_idx', ['status'])
// A webhook's delivery log, newest first (created_at DESC, id DESC in the migration: TypeORM has no column order).
@Index('deliveries_webhook_log_idx', ['target', 'createdAt', 'id'], { where: `channel = 'webhook'` })
export class Delivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @ManyToOne(() => OutboxEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: OutboxEvent;

  @Column({ type: 'enum', enum: CHANNELS, enumName: 'delivery_channel' })
  channel: Channel;

  /** User id (inbox), e-mail address (email) or webhook id (webhook). */
  @Column({ type: 'text' })
  target: string;

  @Column({ type: 'enum', enum: DELIVERY_STATUSES, enumName: 'delivery_status', default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Attempts allowed before `dead`; a manual retry grants another round. */
  @Column({ name: 'max_attempts', type: 'int' })
  maxAttempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  /** Set while a worker is sending; another worker may take over after it. */
  @Column({ name: 'lease_until', type: 'timestamptz', precision: 3, nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
