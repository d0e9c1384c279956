import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import { createdKey, decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import type { InboxEntryView } from './dto/notifications.dto';

const INBOX_PAGES = createdKey('inbox');

export interface InboxRow {
  id: string;
  type: string;
  message: string;
  refs: Record<string, string | number>;
  data: Record<string, unknown> | null;
  created_at: Date;
  read_at: Date | null;
}

/** An inbox entry as GET /v1/me/notifications shows it (and the live notification.created event). */
export function inboxEntryView(r: InboxRow): InboxEntryView {
  return {
    id: r.id,
    type: r.type,
    claimId: r.refs.claimId === undefined ? null : String(r.refs.claimId),
    reminderId: r.refs.reminderId === undefined ? null : String(r.refs.reminderId),
    message: r.message,
    ...(r.data ? { data: r.data } : {}),
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  };
}

/** The caller's own inbox, newest first. */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, unreadOnly: boolean, limit: number, cursor?: string): Promise<Page<InboxEntryView>> {
    const params: unknown[] = [actor.userId, actor.workspaceId, limit + 1];
    const where = ['user_id = $1', 'workspace_id = $2'];
    if (unreadOnly) where.push('read_at IS NULL');
    if (cursor) {
      const [createdAt, id] = decodeCursor(cursor, INBOX_PAGES);
      params.push(createdAt, id);
      where.push('(created_at, id) < ($4::timestamptz, $5::uuid)');
    }
    const rows: InboxRow[] = await this.dataSource.query(
      `SELECT id, type, message, refs, data, created_at, read_at FROM inbox_notifications WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $3`,
      params,
    );
    return toPage(rows, limit, INBOX_PAGES, (r) => [r.created_at.toISOString(), r.id], inboxEntryView);
  }

  /** Marks an entry read (again is harmless). */
  async markRead(actor: Actor, id: string): Promise<void> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE inbox_notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2`,
      [id, actor.userId],
    );
    if (affected === 0) throw AppError.notFound('Notification');
  }

  /**
   * Marks read every unread entry of the caller's created at or before `upTo` (all of them without
   * it): the desk's Mark all read, in one statement however many there are. `upTo` is the newest
   * entry the desk showed, so that one arriving meanwhile stays unread. Answers how many it marked.
   */
  async markAllRead(actor: Actor, upTo?: string): Promise<number> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE inbox_notifications SET read_at = now()
        WHERE user_id = $1 AND workspace_id = $2 AND read_at IS NULL AND ($3::timestamptz IS NULL OR created_at <= $3)`,
      [actor.userId, actor.workspaceId, upTo ?? null],
    );
    return affected;
  }
}
