import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Workspace } from '../accounts/workspace.entity';
import { Source } from '../sources/source.entity';
import { CLAIM_KINDS, PRIORITIES, STATUSES, type ClaimKind, type ClaimStatus, type Priority } from './vocabulary';

/**
 * A public assertion the desk tracks. Every list filter has an index; sorts are keyset-paged
 * on (sort key, id). `version` changes only on PATCH and transitions (optimistic concurrency,
 * guarded by `UPDATE … WHERE version = $n`, never by `save()`).
 */
@Entity({ name: 'claims' })
@Index('claims_ws_updated_idx', ['workspaceId', 'updatedAt', 'id'])
@Index('claims_ws_status_updated_idx', ['workspaceId', 'status', 'updatedAt', 'id'])
@Index('claims_ws_kind_updated_idx', ['workspaceId', 'kind', 'updatedAt', 'id'])
@Index('claims_ws_assignee_updated_idx', ['workspaceId', 'assigneeId', 'updatedAt', 'id'])
@Index('claims_ws_due_idx', ['workspaceId', 'dueAt', 'id'])
@Index('claims_ws_priority_idx', ['workspaceId', 'priority', 'updatedAt', 'id'])
@Index('claims_ws_status_priority_idx', ['workspaceId', 'status', 'priority', 'updatedAt', 'id'])
@Index('claims_tags_idx', { synchronize: false }) // GIN (workspace_id, tags), btree_gin
@Index('claims_claimant_trgm_idx', { synchronize: false }) // GIN (workspace_id, claimant_name gin_trgm_ops)
@Index('claims_search_idx', { synchronize: false }) // GIN (workspace_id, search_vector), btree_gin
@Index('claims_ws_match_seq_idx', ['workspaceId', 'matchSeq', 'id'])
export class Claim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Workspace;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'enum', enum: CLAIM_KINDS, enumName: 'claim_kind' })
  kind: ClaimKind;

  @Column({ name: 'claimant_name', type: 'text' })
  claimantName: string;

  @Column({ name: 'claimant_affiliation', type: 'text', nullable: true })
  claimantAffiliation: string | null;

  @Column({ type: 'text', nullable: true })
  quote: string | null;

  @Column({ name: 'source_id', type: 'uuid', nullable: true })
  sourceId: string | null;

  @ManyToOne(() => Source, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'source_id' })
  source?: Source;

  @Column({ name: 'claimed_at', type: 'timestamptz', precision: 3, nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'enum', enum: PRIORITIES, enumName: 'claim_priority', default: 'normal' })
  priority: Priority;

  @Column({ type: 'enum', enum: STATUSES, enumName: 'claim_status', default: 'submitted' })
  status: ClaimStatus;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: User;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3, nullable: true })
  dueAt: Date | null;

  @Column({ name: 'follow_up_at', type: 'timestamptz', precision: 3, nullable: true })
  followUpAt: Date | null;

  @Column({ name: 'verdict_rating', type: 'text', nullable: true })
  verdictRating: string | null;

  @Column({ name: 'verdict_summary', type: 'text', nullable: true })
  verdictSummary: string | null;

  @Column({ name: 'verdict_proposed_by', type: 'uuid', nullable: true })
  verdictProposedBy: string | null;

  @Column({ name: 'verdict_proposed_at', type: 'timestamptz', precision: 3, nullable: true })
  verdictProposedAt: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'review_url', type: 'text', nullable: true })
  reviewUrl: string | null;

  /** Kept by the evidence module so the review guard needs no count query. */
  @Column({ name: 'evidence_count', type: 'int', default: 0 })
  evidenceCount: number;

  @Column({ type: 'int', default: 1 })
  version: number;

  /**
   * What full-text search matches (English stemming): text, quote and claimant name. Filled by
   * a trigger (migration ClaimsLifecycle), so that matching never recomputes it.
   */
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string;

  /** Hashes of the text's content words, sorted: what a candidate is scored on. */
  @Column({ name: 'match_words', type: 'int', array: true, default: () => "'{}'", select: false })
  matchWords?: number[];

  /**
   * The transaction that last wrote the text (current_xact_seq(): pg_current_xact_id as a bigint): the API hosts' matching
   * indexes read the claims written since they last looked by it (src/claims/similar-claims.ts).
   */
  @Column({ name: 'match_seq', type: 'bigint', default: () => 'current_xact_seq()', select: false })
  matchSeq?: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
