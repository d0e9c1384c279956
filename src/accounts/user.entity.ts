import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ROLES, type Role } from '../common/auth/roles';
import { Workspace } from './workspace.entity';

@Entity({ name: 'users' })
@Index('users_workspace_email_key', ['workspaceId', 'email'], { unique: true })
@Index('users_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Workspace;

  /** Stored in lower case: e-mail addresses are unique per workspace, whatever their case. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role' })
  role: Role;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The person's own IANA time zone; null: the workspace's. */
  @Column({ type: 'text', nullable: true })
  timezone: string | null;

  /** false: no daily digest. */
  @Column({ type: 'boolean', default: true })
  digest: boolean;

  /** argon2id (PHC string); null until the person accepts an invitation. Never leaves the server. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  /** The bootstrap admin behind `ADMIN_TOKEN`: may also create workspaces. */
  @Column({ name: 'is_instance_admin', type: 'boolean', default: false })
  isInstanceAdmin: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
