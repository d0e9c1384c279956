import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Comment } from './comment.entity';

/**
 * A person told that a comment mentions them: at most one row per comment and person, written
 * in the transaction that notifies them. The primary key is the guard, so that retries,
 * concurrent edits and a mention removed and added again never tell anyone twice.
 */
@Entity({ name: 'comment_mentions' })
export class CommentMention {
  @PrimaryColumn({ name: 'comment_id', type: 'uuid' })
  commentId: string;

  @ManyToOne(() => Comment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id' })
  comment?: Comment;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
