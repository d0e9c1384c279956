import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One newsroom; its data is invisible to every other workspace. */
@Entity({ name: 'workspaces' })
export class Workspace {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('workspaces_name_key', { unique: true })
  @Column({ type: 'text' })
  name: string;

  /** `[a-z0-9-]{3,40}`, unique: names the public tracker's address (`/t/<slug>`). */
  @Index('workspaces_slug_key', { unique: true })
  @Column({ type: 'text' })
  slug: string;

  /** IANA time zone of the desk (digests, "due today"). */
  @Column({ type: 'text', default: 'UTC' })
  timezone: string;

  /** `HH:MM`, local time of the daily digest. */
  @Column({ name: 'digest_at', type: 'text', default: '08:00' })
  digestAt: string;

  /** ISO 8601 duration after a missed date before editors hear of it; null: never. */
  @Column({ name: 'escalate_after', type: 'text', nullable: true, default: 'P1D' })
  escalateAfter: string | null;

  @Column({ name: 'tracker_enabled', type: 'boolean', default: false })
  trackerEnabled: boolean;

  @Column({ name: 'tracker_title', type: 'text', nullable: true })
  trackerTitle: string | null;

  @Column({ name: 'tracker_intro', type: 'text', nullable: true })
  trackerIntro: string | null;

  @Column({ name: 'tracker_methodology', type: 'text', nullable: true })
  trackerMethodology: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** The workspace the instance admin (`ADMIN_TOKEN`) belongs to, created on first start. */
export const DEFAULT_WORKSPACE_NAME = 'default';
