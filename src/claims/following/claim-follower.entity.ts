import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../accounts/user.entity';
import { Claim } from '../claim.entity';

/**
 * A person following a claim: they are told of its transitions, new comments and changes of
 * assignee (src/comments). One row per claim and person; unfollowing deletes it, and the next
 * thing that makes them follow (being assigned, commenting, being mentioned) adds it again.
 */
@Entity({ name: 'claim_followers' })
export class ClaimFollower {
  @PrimaryColumn({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id' })
  claim?: Claim;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
