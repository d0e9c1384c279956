import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

/**
 * One row per person and local date whose digest has been handled: the primary key is what
 * makes it at most one a day, however many workers run. Claimed in the transaction that
 * publishes the digest, so a crash leaves neither.
 */
@Entity({ name: 'digests' })
export class Digest {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** The date in the person's time zone. */
  @PrimaryColumn({ name: 'local_date', type: 'date' })
  localDate: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  /** The `digest` event; null when there was nothing to tell that day (nobody gets an empty digest). */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
