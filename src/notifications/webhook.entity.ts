import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EVENT_TYPES, type EventType } from '../events/outbox-event.entity';

/** The events a webhook may subscribe to. */
export const WEBHOOK_EVENT_TYPES = EVENT_TYPES.filter((type) =>
  ['claim.created', 'claim.transitioned', 'claim.published', 'reminder.due', 'claim.overdue'].includes(type),
);

/** A workspace's webhook subscription. The signing secret is stored sealed (AES-256-GCM). */
@Entity({ name: 'webhooks' })
@Index('webhooks_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
export class Webhook {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: EventType[];

  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  /** False once a receiver answered 410 Gone. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Deleted webhooks are kept so that their deliveries still make sense. */
  @Column({ name: 'deleted_at', type: 'timestamptz', precision: 3, nullable: true })
  deletedAt: Date | null;
}
