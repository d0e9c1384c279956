import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { HistoryService } from '../claims/history/history.service';
import type { ClaimStatus } from '../claims/vocabulary';
import { dateTimeIn } from '../common/time/readable';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { inTransaction, type Tx } from '../database/transaction';
import { Notifier, type PeopleEvent } from '../notifications/notifier.service';
import { QueueName } from '../queues/jobs';
import { LocalWorkers } from '../queues/local-workers';
import type { ReminderRow } from './reminder.record';
import { ReminderTimers } from './reminder-timers';
import { nextOccurrence } from './schedule';

/** Reminders fired per transaction. */
const BATCH = 1000;
/**
 * This many reminders due at once is a burst: 5,000 a second at the timers' 100 ms step, or a
 * backlog after a stall. A steady stream is not: at 1,000 a second each timer finds 100, and
 * holding sends at every step held them for as long as the stream lasted (bench/README.md,
 * "Steady: 1,000 firings a second").
 */
const BURST = 500;
/** Sends stay held this long after a burst's last fire pass (timers come every 100 ms). */
const BURST_LINGER_MS = 300;

/** A due reminder with what the firing needs of its claim. */
type DueRow = Pick<ReminderRow, 'id' | 'workspace_id' | 'claim_id' | 'kind' | 'message' | 'due_at' | 'every' | 'until' | 'fired_count'> & {
  claim_text: string;
  claim_status: ClaimStatus;
  assignee_id: string | null;
  /** The workspace's time zone, in which the e-mail gives the due time. */
  timezone: string;
};

interface Recipient {
  id: string;
  workspace_id: string;
  email: string;
  role: string;
}

/**
 * Fires due reminders, set-based: each transaction takes up to BATCH due rows with
 * `FOR UPDATE SKIP LOCKED` (workers side by side never take the same rows), records each
 * occurrence once (primary key (reminder, occurrence): the last guard), publishes one
 * `reminder.due` event per occurrence to the recipients' inboxes, mailboxes and the
 * workspace's webhooks, writes the claim history, and moves each reminder to its next
 * occurrence or to `done`. A crash rolls the batch back; the rows are simply due again.
 */
@Injectable()
export class FiringService {
  private readonly logger = new Logger(FiringService.name);
  private readonly lateness: Histogram;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifier: Notifier,
    private readonly history: HistoryService,
    private readonly timers: ReminderTimers,
    private readonly localWorkers: LocalWorkers,
    registry: Registry,
  ) {
    this.lateness = new Histogram({
      name: 'claimtrack_reminder_lateness_seconds',
      help: 'Time from a reminder falling due to its firing (fired - due)',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    });
  }

  /**
   * Fires everything due at or before `until` (default now); returns how many fired. In a
   * burst, this process takes no new send jobs until the burst has fired: lateness is
   * measured on firing, and firing and sending share one event loop and one database.
   */
  async fireDue(until: Date = new Date()): Promise<number> {
    const fireAll = async () => {
      let total = 0;
      for (;;) {
        const { taken, fired } = await inTransaction(this.dataSource, (tx) => this.fireBatch(tx, until));
        total += fired;
        if (taken < BATCH) return total;
      }
    };
    const [{ due }]: Array<{ due: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS due FROM (SELECT 1 FROM reminders WHERE status = 'scheduled' AND due_at <= $1 ORDER BY due_at LIMIT ${BURST}) d`,
      [until],
    );
    if (due === 0) return 0;
    return due >= BURST ? this.localWorkers.holding(QueueName.Deliveries, fireAll, BURST_LINGER_MS) : fireAll();
  }

  /** True when some reminder is overdue by more than `graceMs` (its timer was lost). */
  async anyOverdue(graceMs: number): Promise<boolean> {
    // ORDER BY keeps the planner on the partial index of scheduled reminders.
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM reminders WHERE status = 'scheduled' AND due_at <= $1 ORDER BY due_at LIMIT 1`, [
      new Date(Date.now() - graceMs),
    ]);
    return rows.length > 0;
  }

  private async fireBatch(tx: Tx, until: Date): Promise<{ taken: number; fired: number }> {
    const due = await tx.rows<DueRow>(
      `SELECT r.id, r.workspace_id, r.claim_id, r.kind, r.message, r.due_at, r.every, r.until, r.fired_count,
              c.text AS claim_text, c.status AS claim_status, c.assignee_id, w.timezone
         FROM reminders r JOIN claims c ON c.id = r.claim_id JOIN workspaces w ON w.id = r.workspace_id
        WHERE r.status = 'scheduled' AND r.due_at <= $1
        ORDER BY r.due_at
        LIMIT ${BATCH}
        FOR UPDATE OF r SKIP LOCKED`,
      [until],
    );
    if (due.length === 0) return { taken: 0, fired: 0 };
    const now = new Date();

    // Record each occurrence first: only a first recording is published (the last guard).
    const eventIds = due.map(() => randomUUID());
    const firsts = new Set(
      (
        await tx.rows<{ reminder_id: string }>(
          `INSERT INTO reminder_firings (reminder_id, occurrence, due_at, fired_at, event_id)
           SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::timestamptz[], $5::uuid[])
           ON CONFLICT (reminder_id, occurrence) DO NOTHING RETURNING reminder_id`,
          [due.map((r) => r.id), due.map((r) => r.fired_count + 1), due.map((r) => r.due_at), due.map(() => now), eventIds],
        )
      ).map((f) => f.reminder_id),
    );
    const fresh = due.flatMap((r, i) => (firsts.has(r.id) ? [{ row: r, eventId: eventIds[i] }] : []));
    if (fresh.length < due.length) this.logger.warn({ count: due.length - fresh.length }, 'occurrences already recorded were not published again');
    await this.notifier.publish(tx, await this.events(tx, fresh));

    const next = due.map((r) => nextOccurrence(r.due_at, r.every, r.until, now));
    await tx.rows(
      `UPDATE reminders r SET fired_count = r.fired_count + 1, last_fired_at = $2, updated_at = $2,
              due_at = COALESCE(n.next_due, r.due_at), status = CASE WHEN n.next_due IS NULL THEN 'done'::reminder_status ELSE 'scheduled'::reminder_status END,
              enqueued_for = NULL
         FROM unnest($1::uuid[], $3::timestamptz[]) AS n(id, next_due)
        WHERE r.id = n.id`,
      [due.map((r) => r.id), now, next],
    );
    await this.history.append(
      tx,
      ...fresh.map(({ row: r }) => ({
        workspaceId: r.workspace_id,
        claimId: r.claim_id,
        type: 'reminder.fired' as const,
        actorId: null,
        data: { reminderId: r.id, kind: r.kind, occurrence: r.fired_count + 1, dueAt: r.due_at.toISOString(), message: r.message },
      })),
    );
    await this.timers.arm(
      tx,
      due.flatMap((r, i) => (next[i] ? [{ id: r.id, dueAt: next[i] }] : [])),
    );
    tx.afterCommit(() => {
      for (const { row } of fresh) this.lateness.observe(Math.max(0, (now.getTime() - row.due_at.getTime()) / 1000));
    });
    return { taken: due.length, fired: fresh.length };
  }

  /**
   * One `reminder.due` event per reminder, for its claim's assignee, or, when nobody (active)
   * is assigned, for the workspace's editors and admins.
   */
  private async events(tx: Tx, fresh: Array<{ row: DueRow; eventId: string }>): Promise<PeopleEvent[]> {
    if (fresh.length === 0) return [];
    const due = fresh.map((f) => f.row);
    const users = await tx.rows<Recipient>(
      `SELECT id, workspace_id, email, role FROM users
        WHERE active AND (id = ANY($1::uuid[]) OR (workspace_id = ANY($2::uuid[]) AND role IN ('editor', 'admin')))`,
      [[...new Set(due.flatMap((r) => (r.assignee_id ? [r.assignee_id] : [])))], [...new Set(due.map((r) => r.workspace_id))]],
    );
    return fresh.map(({ row: r, eventId }) => {
      const assignee = users.find((u) => u.id === r.assignee_id);
      const recipients = assignee ? [assignee] : users.filter((u) => u.workspace_id === r.workspace_id && (u.role === 'editor' || u.role === 'admin'));
      if (recipients.length === 0) this.logger.warn({ reminderId: r.id }, 'a reminder fired with nobody to tell');
      const occurrence = r.fired_count + 1;
      return {
        id: eventId,
        workspaceId: r.workspace_id,
        type: 'reminder.due' as const,
        payload: {
          reminderId: r.id,
          claimId: r.claim_id,
          occurrence,
          message: r.message,
          dueAt: r.due_at.toISOString(),
          claim: { id: r.claim_id, text: r.claim_text, status: r.claim_status },
        },
        notice: {
          title: `Reminder: ${truncate(r.claim_text, 80)}`,
          text: [
            r.message,
            '',
            `Claim: ${r.claim_text}`,
            `Status: ${r.claim_status.replaceAll('_', ' ')}`,
            `Due: ${dateTimeIn(r.due_at, r.timezone)} (${r.timezone})`,
            '',
            `${this.config.publicUrl}/claims/${r.claim_id}`,
          ].join('\n'),
        },
        message: r.message,
        refs: { claimId: r.claim_id, reminderId: r.id, occurrence },
        recipients: recipients.map((u) => ({ id: u.id, email: u.email })),
      };
    });
  }
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
