import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../accounts/workspace.entity';
import { Claim } from '../claims/claim.entity';

/** One piece of evidence as it stood when the claim was last published. */
export interface PublicEvidence {
  description: string;
  url: string | null;
  stance: 'supports' | 'refutes' | 'context';
}

/**
 * What the public tracker shows of a claim: a copy taken when the claim was published, so that
 * nothing the desk does afterwards — a new proposal, evidence added while it is re-checked, an
 * edit on a reopened claim — reaches readers before it is published again. Only claims that were
 * published at least once have a row. A claim that is published (not reopened) is live: an edit
 * of its text, claimant or quote is copied here at once.
 */
@Entity({ name: 'tracker_entries' })
@Index('tracker_entries_kind_idx', ['workspaceId', 'kind', 'publishedAt', 'claimId'])
@Index('tracker_entries_rating_idx', ['workspaceId', 'kind', 'rating', 'publishedAt', 'claimId'])
@Index('tracker_entries_claimant_idx', { synchronize: false }) // (workspace_id, claimant_slug, kind, published_at, claim_id) INCLUDE (rating)
export class TrackerEntry {
  @PrimaryColumn({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @OneToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id' })
  claim?: Claim;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Workspace;

  /** `promise` or `statement`: opinions are never published. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'claimant_name', type: 'text' })
  claimantName: string;

  @Column({ name: 'claimant_affiliation', type: 'text', nullable: true })
  claimantAffiliation: string | null;

  /** The claimant's address on the tracker (claimant-slug.ts). */
  @Column({ name: 'claimant_slug', type: 'text' })
  claimantSlug: string;

  @Column({ type: 'text', nullable: true })
  quote: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', precision: 3, nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'source_title', type: 'text', nullable: true })
  sourceTitle: string | null;

  @Column({ name: 'source_url', type: 'text', nullable: true })
  sourceUrl: string | null;

  /** The latest published rating, its summary and review link, and when it was published. */
  @Column({ type: 'text' })
  rating: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'review_url', type: 'text', nullable: true })
  reviewUrl: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', precision: 3 })
  publishedAt: Date;

  /** Reopened after its last publication: the tracker keeps the rating, marked "Being re-checked". */
  @Column({ type: 'boolean', default: false })
  rechecking: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence: PublicEvidence[];
}
