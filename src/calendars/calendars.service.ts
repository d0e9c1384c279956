import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { calendarEtag, renderCalendar, type FeedReminder } from './calendar-feed';

/** How long a cancelled or done reminder stays in the feed (so calendars remove it). */
const FINISHED_KEPT_DAYS = 30;

export interface RenderedCalendar {
  body: string;
  etag: string;
}

/** Secret calendar addresses and the feeds behind them. */
@Injectable()
export class CalendarsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new secret address for the caller; the previous one stops working in the same statement. */
  async rotate(actor: Actor): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO calendar_feeds (user_id, secret_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, created_at = now()`,
      [actor.userId, hashSecret(secret)],
    );
    return `${this.config.publicUrl}/cal/${secret}.ics`;
  }

  async remove(actor: Actor): Promise<void> {
    await this.dataSource.query(`DELETE FROM calendar_feeds WHERE user_id = $1`, [actor.userId]);
  }

  /** The calendar behind a secret, or null when the secret is unknown, replaced or its owner inactive. */
  async render(secret: string): Promise<RenderedCalendar | null> {
    const [owner]: Array<{ user_id: string; workspace_id: string; role: string; workspace_name: string }> = await this.dataSource.query(
      `SELECT u.id AS user_id, u.workspace_id, u.role, w.name AS workspace_name
         FROM calendar_feeds f JOIN users u ON u.id = f.user_id JOIN workspaces w ON w.id = u.workspace_id
        WHERE f.secret_hash = $1 AND u.active`,
      [hashSecret(secret)],
    );
    if (!owner) return null;
    // The reminders that would reach this person: those of claims assigned to them, and for
    // editors and admins those of unassigned claims too.
    const rows: Array<{
      id: string;
      claim_id: string;
      claim_text: string;
      message: string;
      due_at: Date;
      every: string | null;
      until: Date | null;
      status: FeedReminder['status'];
      sequence: number;
      fired_count: number;
      updated_at: Date;
    }> = await this.dataSource.query(
      `SELECT r.id, r.claim_id, c.text AS claim_text, r.message, r.due_at, r.every, r.until, r.status, r.sequence, r.fired_count, r.updated_at
         FROM reminders r JOIN claims c ON c.id = r.claim_id
        WHERE r.workspace_id = $1
          AND (c.assignee_id = $2 OR ($3 AND c.assignee_id IS NULL))
          AND (r.status = 'scheduled' OR r.updated_at > now() - make_interval(days => $4))
        ORDER BY r.due_at, r.id`,
      [owner.workspace_id, owner.user_id, owner.role === 'editor' || owner.role === 'admin', FINISHED_KEPT_DAYS],
    );
    const body = renderCalendar(
      `claimtrack · ${owner.workspace_name}`,
      this.config.publicUrl,
      rows.map((r) => ({
        id: r.id,
        claimId: r.claim_id,
        claimText: r.claim_text,
        message: r.message,
        dueAt: r.due_at,
        every: r.every,
        until: r.until,
        status: r.status,
        sequence: r.sequence,
        firedCount: r.fired_count,
        updatedAt: r.updated_at,
      })),
    );
    return { body, etag: calendarEtag(body) };
  }
}

/** Secrets are 256 random bits: a fast hash is enough, as for API tokens. */
function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}
