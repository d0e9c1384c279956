import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { OutboxEvent } from '../events/outbox-event.entity';

/** An entry of a user's inbox. At most one per event and user: never doubled. */
@Entity({ name: 'inbox_notifications' })
@Index('inbox_event_user_key', ['eventId', 'userId'], { unique: true })
@Index('inbox_user_created_idx', ['userId', 'createdAt', 'id'])
@Index('inbox_user_unread_idx', ['userId', 'createdAt', 'id'], { where: 'read_at IS NULL' })
export class InboxNotification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @ManyToOne(() => OutboxEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: OutboxEvent;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  message: string;

  /** What the entry is about, as handed over by the sender (claimId, reminderId…). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  refs: Record<string, string | number>;

  /** What the type carries beyond refs (a digest's lists, a mention's comment); null if nothing. */
  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;
}
