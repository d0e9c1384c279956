import { Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../accounts/user.entity';
import { Claim } from '../claim.entity';

export const HISTORY_EVENT_TYPES = [
  'claim.created',
  'claim.updated',
  'claim.transitioned',
  'evidence.added',
  'evidence.removed',
  'reminder.scheduled',
  'reminder.fired',
  'reminder.cancelled',
  // The conversation (src/comments): a comment's body is never copied here, so that deleting
  // a comment removes what it said while the timeline keeps that it was said and removed.
  'comment.added',
  'comment.edited',
  'comment.resolved',
  'comment.reopened',
  'comment.deleted',
] as const;
export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

/**
 * One entry of a claim's timeline. Append-only: a trigger (migration ClaimsLifecycle) refuses
 * every UPDATE and DELETE, so a published verdict can never be rewritten.
 */
@Entity({ name: 'claim_events' })
@Index('claim_events_claim_seq_idx', ['claimId', 'seq'])
export class ClaimEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Total order of events, also within one transaction. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'claim_id' })
  claim?: Claim;

  @Column({ type: 'text' })
  type: HistoryEventType;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: User;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  at: Date;
}
