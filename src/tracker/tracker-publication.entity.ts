import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Claim } from '../claims/claim.entity';

/**
 * One publication of a claim, as readers saw it then: the rating history of a claim page and
 * the entries of the Atom feeds. Written in the transaction that publishes; never changed.
 */
@Entity({ name: 'tracker_publications' })
@Index('tracker_publications_claim_idx', ['claimId', 'publishedAt'])
@Index('tracker_publications_ws_idx', ['workspaceId', 'publishedAt', 'id'])
@Index('tracker_publications_claimant_idx', ['workspaceId', 'claimantSlug', 'publishedAt', 'id'])
export class TrackerPublication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id' })
  claim?: Claim;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'claimant_name', type: 'text' })
  claimantName: string;

  @Column({ name: 'claimant_slug', type: 'text' })
  claimantSlug: string;

  @Column({ type: 'text' })
  rating: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'review_url', type: 'text', nullable: true })
  reviewUrl: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', precision: 3 })
  publishedAt: Date;
}
