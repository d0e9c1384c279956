import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { inTransaction, type Tx } from '../database/transaction';
import { Notifier } from '../notifications/notifier.service';
import { digestNotice, digestSummary, type DigestData, type DigestItem } from './digest-email';

/** People handled per sweep (the next sweep, seconds later, takes the rest). */
const PER_SWEEP = 200;
/** Claims listed per section: a digest is a summary, the desk has the rest. */
const PER_SECTION = 50;

/** Someone whose digest time has passed today (in their zone) and who has no digest row for today. */
interface DueDigest {
  user_id: string;
  workspace_id: string;
  email: string;
  role: string;
  timezone: string;
  local_date: string;
}

interface ClaimRow {
  id: string;
  text: string;
  status: string;
  due_at: Date | null;
  follow_up_at: Date | null;
}

/**
 * Daily digests. A sweep every few seconds (a BullMQ job scheduler, re-asserted by every worker)
 * asks PostgreSQL who is due: active people with the digest on, whose local time of day has
 * passed the workspace's digestAt today, and who have no row in `digests` for today's local
 * date. So a worker that was down at digestAt sends the day's digests when it comes back, and
 * never yesterday's. Each person's digest is claimed (the primary key (user, local date)) and
 * published in one transaction: two workers never both send it, and a crash sends nothing.
 */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger(DigestsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifier: Notifier,
  ) {}

  /** Sends the digests that are due now; answers how many were sent (empty ones are not). */
  async sendDue(): Promise<number> {
    const due: DueDigest[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.workspace_id, u.email, u.role, z.tz AS timezone, to_char(l.local_now, 'YYYY-MM-DD') AS local_date
         FROM users u
         JOIN workspaces w ON w.id = u.workspace_id
         CROSS JOIN LATERAL (SELECT COALESCE(u.timezone, w.timezone) AS tz) z
         CROSS JOIN LATERAL (SELECT timezone(z.tz, now()) AS local_now) l
        WHERE u.active AND u.digest
          AND l.local_now::time >= w.digest_at::time
          AND NOT EXISTS (SELECT 1 FROM digests d WHERE d.user_id = u.id AND d.local_date = l.local_now::date)
        ORDER BY u.id
        LIMIT ${PER_SWEEP}`,
    );
    let sent = 0;
    for (const person of due) {
      try {
        if (await inTransaction(this.dataSource, (tx) => this.sendOne(tx, person))) sent++;
      } catch (error) {
        // One person's failure must not hold up everyone else's digest; the row was rolled
        // back, so the next sweep tries again.
        this.logger.error({ err: error, userId: person.user_id }, 'digest failed');
      }
    }
    return sent;
  }

  /** Claims today's digest for one person and publishes it; false when it was not theirs to send or empty. */
  private async sendOne(tx: Tx, person: DueDigest): Promise<boolean> {
    const claimed = await tx.rows(
      `INSERT INTO digests (user_id, local_date, workspace_id) VALUES ($1, $2, $3) ON CONFLICT (user_id, local_date) DO NOTHING RETURNING user_id`,
      [person.user_id, person.local_date, person.workspace_id],
    );
    if (claimed.length === 0) return false; // another worker has it (it waited for that commit)

    const data = await this.contents(tx, person);
    if (data.overdue.length + data.dueToday.length + data.followUps.length + data.toReview.length === 0) return false;

    const eventId = randomUUID();
    await this.notifier.publish(tx, [
      {
        id: eventId,
        workspaceId: person.workspace_id,
        type: 'digest',
        payload: { userId: person.user_id, ...data },
        notice: digestNotice(data, this.config.publicUrl, person.timezone),
        message: `Your digest for ${data.date}: ${digestSummary(data)}`,
        refs: {},
        data: { ...data },
        recipients: [{ id: person.user_id, email: person.email }],
      },
    ]);
    await tx.rows(`UPDATE digests SET event_id = $3 WHERE user_id = $1 AND local_date = $2`, [person.user_id, person.local_date, eventId]);
    return true;
  }

  /** What one person's digest holds today, each list soonest first. */
  private async contents(tx: Tx, person: DueDigest): Promise<DigestData> {
    const list = (where: string, order: string, params: unknown[]) =>
      tx.rows<ClaimRow>(`SELECT id, text, status, due_at, follow_up_at FROM claims WHERE ${where} ORDER BY ${order}, id LIMIT ${PER_SECTION}`, params);
    const mine = `workspace_id = $1 AND assignee_id = $2`;
    const open = `status NOT IN ('published', 'rejected')`;
    const me = [person.workspace_id, person.user_id];
    // "Today" is the person's local date, midnight to midnight in their zone ($3, $4).
    const today = [...me, person.local_date, person.timezone];
    const overdue = await list(`${mine} AND ${open} AND due_at < now()`, 'due_at', me);
    const dueToday = await list(`${mine} AND ${open} AND due_at >= now() AND due_at < (($3::date + 1)::timestamp AT TIME ZONE $4)`, 'due_at', today);
    const followUps = await list(
      `${mine} AND status = 'monitoring' AND follow_up_at >= ($3::date::timestamp AT TIME ZONE $4) AND follow_up_at < now() + interval '7 days'`,
      'follow_up_at',
      today,
    );
    const toReview =
      person.role === 'editor' || person.role === 'admin'
        ? await list(`workspace_id = $1 AND status = 'in_review' AND verdict_proposed_by IS DISTINCT FROM $2`, 'verdict_proposed_at', me)
        : [];
    return { date: person.local_date, overdue: overdue.map(item), dueToday: dueToday.map(item), followUps: followUps.map(item), toReview: toReview.map(item) };
  }
}

function item(row: ClaimRow): DigestItem {
  return {
    id: row.id,
    text: row.text,
    status: row.status,
    ...(row.due_at ? { dueAt: row.due_at.toISOString() } : {}),
    ...(row.follow_up_at ? { followUpAt: row.follow_up_at.toISOString() } : {}),
  };
}
