import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Claim } from '../../claims/claim.entity';

export const ACTIVITY_KINDS = ['transition', 'comment', 'assignee'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * Something a claim's followers are to be told about (a transition, a new comment, a change of
 * assignee), written in the transaction of the change. A worker turns each row into one
 * `claim.activity` event for the followers of that moment (its id is the row's: the outbox's
 * primary key is the last guard against telling twice) and deletes the row in the same
 * transaction: the table holds only what is still to be told.
 */
@Entity({ name: 'claim_activities' })
@Index('claim_activities_created_idx', ['createdAt'])
export class ClaimActivity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id' })
  claim?: Claim;

  /** Who did it: never told about it. */
  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ type: 'text' })
  kind: ActivityKind;

  /** transition: from, to, note; comment: commentId; assignee: assignee and previous ({ id, name } or null). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
