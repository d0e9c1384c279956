import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Claim } from '../claims/claim.entity';

export const ESCALATION_REASONS = ['due', 'follow_up'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/**
 * A missed date that editors have been told about: once per claim, reason and date. A claim
 * whose date moves has a new `since`, so it is escalated again if that date is missed too.
 */
@Entity({ name: 'escalations' })
export class Escalation {
  @PrimaryColumn({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id' })
  claim?: Claim;

  @PrimaryColumn({ type: 'text' })
  reason: EscalationReason;

  /** The date that was missed (the claim's dueAt or followUpAt then). */
  @PrimaryColumn({ type: 'timestamptz', precision: 3 })
  since: Date;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
