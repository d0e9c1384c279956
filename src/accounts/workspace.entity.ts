import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One newsroom; its data is invisible to every other workspace. */
@Entity({ name: 'workspaces' })
export class Workspace {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('workspaces_name_key', { unique: true })
  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** The workspace the instance admin (`ADMIN_TOKEN`) belongs to, created on first start. */
export const DEFAULT_WORKSPACE_NAME = 'default';
