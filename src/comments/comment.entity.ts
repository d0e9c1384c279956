import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Claim } from '../claims/claim.entity';

/** The longest body, in characters (Unicode code points, as PostgreSQL's char_length counts). */
export const COMMENT_BODY_MAX = 10_000;

/**
 * A comment on a claim: Markdown, stored exactly as written (the desk renders it with HTML
 * disabled). Deleting one only marks it: the comment leaves every list, its body stays out of
 * the timeline, and the mentions it made stay told (comment_mentions).
 */
@Entity({ name: 'comments' })
@Index('comments_claim_created_idx', ['claimId', 'createdAt', 'id'], { where: 'deleted_at IS NULL' })
@Check('comments_body_length', `char_length(body) BETWEEN 1 AND ${COMMENT_BODY_MAX}`)
export class Comment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id' })
  claim?: Claim;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column({ type: 'text' })
  body: string;

  /** The people the body mentions now, in the order first named (who has been told: comment_mentions). */
  @Column({ name: 'mention_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mentionIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** The last change of the body; null while it is as first written. */
  @Column({ name: 'edited_at', type: 'timestamptz', precision: 3, nullable: true })
  editedAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', precision: 3, nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'deleted_by', type: 'uuid', nullable: true })
  deletedBy: string | null;
}
