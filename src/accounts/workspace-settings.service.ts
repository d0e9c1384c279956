import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import { isUniqueViolation } from '../database/errors';
import type { UpdateWorkspaceDto, WorkspaceView } from './dto/workspace.dto';

interface WorkspaceRow {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  digest_at: string;
  escalate_after: string | null;
  tracker_enabled: boolean;
  tracker_title: string | null;
  tracker_intro: string | null;
  tracker_methodology: string | null;
}

const COLUMNS = 'id, name, slug, timezone, digest_at, escalate_after, tracker_enabled, tracker_title, tracker_intro, tracker_methodology';

export function workspaceView(row: WorkspaceRow): WorkspaceView {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timezone: row.timezone,
    digestAt: row.digest_at,
    escalateAfter: row.escalate_after,
    tracker: { enabled: row.tracker_enabled, title: row.tracker_title, intro: row.tracker_intro, methodology: row.tracker_methodology },
  };
}

/** The caller's workspace and its settings (docs/api.md, "Workspace settings"). */
@Injectable()
export class WorkspaceSettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(actor: Actor): Promise<WorkspaceView> {
    const [row] = await this.dataSource.query<WorkspaceRow[]>(`SELECT ${COLUMNS} FROM workspaces WHERE id = $1`, [actor.workspaceId]);
    if (!row) throw AppError.notFound('Workspace');
    return workspaceView(row);
  }

  /** Changes what the body names and nothing else; a slug or name in use elsewhere is 409. */
  async update(actor: Actor, dto: UpdateWorkspaceDto): Promise<WorkspaceView> {
    const changes: Array<[column: string, value: unknown]> = [];
    if (dto.name !== undefined) changes.push(['name', dto.name]);
    if (dto.slug !== undefined) changes.push(['slug', dto.slug]);
    if (dto.timezone !== undefined) changes.push(['timezone', dto.timezone]);
    if (dto.digestAt !== undefined) changes.push(['digest_at', dto.digestAt]);
    if (dto.escalateAfter !== undefined) changes.push(['escalate_after', dto.escalateAfter]);
    if (dto.tracker?.enabled !== undefined) changes.push(['tracker_enabled', dto.tracker.enabled]);
    if (dto.tracker?.title !== undefined) changes.push(['tracker_title', dto.tracker.title]);
    if (dto.tracker?.intro !== undefined) changes.push(['tracker_intro', dto.tracker.intro]);
    if (dto.tracker?.methodology !== undefined) changes.push(['tracker_methodology', dto.tracker.methodology]);
    if (changes.length === 0) return this.get(actor);
    try {
      const [rows] = await this.dataSource.query<[WorkspaceRow[], number]>(
        `UPDATE workspaces SET ${changes.map(([column], i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
        [actor.workspaceId, ...changes.map(([, value]) => value)],
      );
      if (!rows[0]) throw AppError.notFound('Workspace');
      return workspaceView(rows[0]);
    } catch (error) {
      if (isUniqueViolation(error, 'workspaces_slug_key')) throw AppError.conflict(`The slug "${dto.slug}" is taken by another workspace`);
      if (isUniqueViolation(error, 'workspaces_name_key')) throw AppError.conflict(`A workspace named "${dto.name}" already exists`);
      throw error;
    }
  }
}
