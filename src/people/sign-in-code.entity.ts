import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

export type SignInCodePurpose = 'invitation' | 'reset';

/**
 * A one-time code sent to a person: an invitation (7 days) or a password reset (1 hour). Only the
 * SHA-256 of the code is stored; using it sets `usedAt`.
 */
@Entity({ name: 'sign_in_codes' })
@Check('sign_in_codes_purpose_check', `"purpose" IN ('invitation', 'reset')`)
@Index('sign_in_codes_user_open_idx', ['userId', 'purpose'], { where: '"used_at" IS NULL' })
export class SignInCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sign_in_codes_user_fkey' })
  user?: User;

  @Column({ type: 'text' })
  purpose: SignInCodePurpose;

  @Index('sign_in_codes_code_hash_key', { unique: true })
  @Column({ name: 'code_hash', type: 'bytea' })
  codeHash: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', precision: 3, nullable: true })
  usedAt: Date | null;
}
