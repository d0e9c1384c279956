import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { ClaimsService } from '../claims/claims.service';
import { HistoryService } from '../claims/history/history.service';
import { AppError, type FieldError } from '../common/http/app-error';
import { decodeCursor, toPage, type CursorKey, type Page } from '../common/pagination/pagination';
import { inTransaction, type Tx } from '../database/transaction';
import { DeliveriesService } from '../notifications/deliveries.service';
import type { DeliveryView } from '../notifications/dto/notifications.dto';
import type { CreateReminderDto, ReminderListQuery, ReminderView, UpdateReminderDto } from './dto/reminder.dto';
import type { ReminderKind } from './reminder.entity';
import { REMINDER_COLUMNS, reminderView, type ReminderRow } from './reminder.record';
import { ReminderTimers } from './reminder-timers';
import { addDuration, parseDuration } from '../common/time/duration';
import { isValidEvery } from './schedule';

/** A claim's reminders and the workspace's page alike, soonest first: (due_at, id). */
const REMINDER_PAGES: CursorKey = { list: 'reminders', parts: ['timestamp', 'uuid'] };

export interface NewReminder {
  workspaceId: string;
  claimId: string;
  kind: ReminderKind;
  message: string;
  dueAt: Date;
  every: string | null;
  until: Date | null;
  /** Who asked for it (the user whose change scheduled it); recorded in the claim's history. */
  actorId: string | null;
}

/** Reminders of claims: scheduling, rescheduling, cancelling, and reading them. */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly claims: ClaimsService,
    private readonly history: HistoryService,
    private readonly timers: ReminderTimers,
    private readonly deliveries: DeliveriesService,
  ) {}

  async create(actor: Actor, claimId: string, dto: CreateReminderDto): Promise<ReminderView> {
    const now = new Date();
    const errors: FieldError[] = [];
    if ((dto.at === undefined) === (dto.in === undefined)) errors.push({ field: 'at', message: 'give exactly one of at and in' });
    let dueAt: Date | null = null;
    if (dto.at !== undefined) {
      dueAt = new Date(dto.at);
      if (dueAt.getTime() <= now.getTime()) errors.push({ field: 'at', message: 'must be in the future' });
    }
    if (dto.in !== undefined) {
      const duration = parseDuration(dto.in);
      const dueIn = duration ? addDuration(now, duration) : null;
      // Past year 9999 (or beyond any date at all) is more than a timestamp can say.
      if (!dueIn || !(dueIn.getTime() > now.getTime() && dueIn.getUTCFullYear() <= 9999))
        errors.push({ field: 'in', message: 'must be a positive ISO 8601 duration such as P30D or PT2S' });
      else dueAt = dueIn;
    }
    errors.push(...checkRecurrence(dto.every ?? null, dto.until ? new Date(dto.until) : null, dueAt ?? now));
    if (errors.length > 0) throw AppError.validation(errors);

    await this.claims.get(actor, claimId);
    return inTransaction(this.dataSource, async (tx) =>
      reminderView(
        await this.schedule(tx, {
          workspaceId: actor.workspaceId,
          claimId,
          kind: 'manual',
          message: dto.message,
          dueAt: dueAt!,
          every: dto.every ?? null,
          until: dto.until ? new Date(dto.until) : null,
          actorId: actor.userId,
        }),
      ),
    );
  }

  /** Inserts a reminder inside the caller's transaction, records it, and arms its timer. */
  async schedule(tx: Tx, reminder: NewReminder): Promise<ReminderRow> {
    const [row] = await tx.rows<ReminderRow>(
      `INSERT INTO reminders (workspace_id, claim_id, kind, message, due_at, every, until, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${REMINDER_COLUMNS}`,
      [reminder.workspaceId, reminder.claimId, reminder.kind, reminder.message, reminder.dueAt, reminder.every, reminder.until, reminder.actorId],
    );
    await this.history.append(tx, {
      workspaceId: reminder.workspaceId,
      claimId: reminder.claimId,
      type: 'reminder.scheduled',
      actorId: reminder.actorId,
      data: {
        reminderId: row.id,
        kind: row.kind,
        dueAt: row.due_at.toISOString(),
        every: row.every,
        until: row.until?.toISOString() ?? null,
        message: row.message,
      },
    });
    await this.timers.arm(tx, [{ id: row.id, dueAt: row.due_at }]);
    return row;
  }

  /** Moves a scheduled reminder to `dueAt` (deadlines follow their claim's dueAt). */
  async move(tx: Tx, row: ReminderRow, dueAt: Date, actorId: string | null): Promise<void> {
    await tx.rows(`UPDATE reminders SET due_at = $2, sequence = sequence + 1, enqueued_for = NULL, updated_at = now() WHERE id = $1`, [row.id, dueAt]);
    await this.history.append(tx, {
      workspaceId: row.workspace_id,
      claimId: row.claim_id,
      type: 'reminder.scheduled',
      actorId,
      data: { reminderId: row.id, kind: row.kind, dueAt: dueAt.toISOString(), previousDueAt: row.due_at.toISOString(), rescheduled: true },
    });
    await this.timers.arm(tx, [{ id: row.id, dueAt }]);
  }

  /** Cancels scheduled reminders inside the caller's transaction, each recorded in its claim's history. */
  async cancelMany(tx: Tx, rows: ReminderRow[], actorId: string | null, reason: string): Promise<void> {
    if (rows.length === 0) return;
    await tx.rows(`UPDATE reminders SET status = 'cancelled', updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'scheduled'`, [rows.map((r) => r.id)]);
    await this.history.append(
      tx,
      ...rows.map((row) => ({
        workspaceId: row.workspace_id,
        claimId: row.claim_id,
        type: 'reminder.cancelled' as const,
        actorId,
        data: { reminderId: row.id, kind: row.kind, dueAt: row.due_at.toISOString(), reason },
      })),
    );
  }

  /** The scheduled reminders of a claim, locked for this transaction. */
  async scheduledOf(tx: Tx, claimId: string, kind?: ReminderKind): Promise<ReminderRow[]> {
    return tx.rows<ReminderRow>(
      `SELECT ${REMINDER_COLUMNS} FROM reminders WHERE claim_id = $1 AND status = 'scheduled' ${kind ? 'AND kind = $2' : ''} ORDER BY due_at FOR UPDATE`,
      kind ? [claimId, kind] : [claimId],
    );
  }

  async get(actor: Actor, id: string): Promise<ReminderView> {
    return reminderView(await this.row(actor, id));
  }

  async listForClaim(actor: Actor, claimId: string, limit: number, cursor?: string): Promise<Page<ReminderView>> {
    await this.claims.get(actor, claimId);
    return this.page(actor, ['claim_id = $2'], [claimId], limit, cursor);
  }

  async list(actor: Actor, query: ReminderListQuery): Promise<Page<ReminderView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.status) {
      params.push(query.status);
      where.push(`status = $${params.length + 1}`);
    }
    if (query.dueBefore) {
      params.push(query.dueBefore);
      where.push(`due_at < $${params.length + 1}::timestamptz`);
    }
    return this.page(actor, where, params, query.limit, query.cursor);
  }

  /** Soonest first. `where` clauses number their parameters from $2 ($1 is the workspace). */
  private async page(actor: Actor, where: string[], params: unknown[], limit: number, cursor?: string): Promise<Page<ReminderView>> {
    const all = [actor.workspaceId, ...params];
    const clauses = ['workspace_id = $1', ...where];
    if (cursor) {
      const [dueAt, id] = decodeCursor(cursor, REMINDER_PAGES);
      all.push(dueAt, id);
      clauses.push(`(due_at, id) > ($${all.length - 1}::timestamptz, $${all.length}::uuid)`);
    }
    all.push(limit + 1);
    const rows: ReminderRow[] = await this.dataSource.query(
      `SELECT ${REMINDER_COLUMNS} FROM reminders WHERE ${clauses.join(' AND ')} ORDER BY due_at, id LIMIT $${all.length}`,
      all,
    );
    return toPage(rows, limit, REMINDER_PAGES, (r) => [r.due_at.toISOString(), r.id], reminderView);
  }

  /** Reschedules a scheduled reminder; `at` must be in the future. */
  async update(actor: Actor, id: string, dto: UpdateReminderDto): Promise<ReminderView> {
    return inTransaction(this.dataSource, async (tx) => {
      const [row] = await tx.rows<ReminderRow>(`SELECT ${REMINDER_COLUMNS} FROM reminders WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [
        id,
        actor.workspaceId,
      ]);
      if (!row) throw AppError.notFound('Reminder');
      if (row.status !== 'scheduled') throw AppError.conflict(`The reminder is ${row.status}; only a scheduled reminder can be changed`);
      const dueAt = dto.at !== undefined ? new Date(dto.at) : row.due_at;
      const every = dto.every === undefined ? row.every : dto.every;
      const until = dto.until === undefined ? row.until : dto.until === null ? null : new Date(dto.until);
      const errors: FieldError[] = [];
      if (dto.at !== undefined && dueAt.getTime() <= Date.now()) errors.push({ field: 'at', message: 'must be in the future' });
      errors.push(...checkRecurrence(every, until, dueAt));
      if (errors.length > 0) throw AppError.validation(errors);

      const [updated] = await tx.rows<ReminderRow>(
        `UPDATE reminders SET message = $3, due_at = $4, every = $5, until = $6, enqueued_for = CASE WHEN due_at = $4 THEN enqueued_for END, updated_at = now(),
                -- a calendar that has this reminder replaces it only when SEQUENCE rises
                sequence = sequence + CASE WHEN due_at IS DISTINCT FROM $4 OR every IS DISTINCT FROM $5 OR until IS DISTINCT FROM $6 THEN 1 ELSE 0 END
          WHERE id = $1 AND workspace_id = $2 RETURNING ${REMINDER_COLUMNS}`,
        [id, actor.workspaceId, dto.message ?? row.message, dueAt, every, until],
      );
      if (updated.due_at.getTime() !== row.due_at.getTime() || updated.every !== row.every || updated.until?.getTime() !== row.until?.getTime()) {
        await this.history.append(tx, {
          workspaceId: actor.workspaceId,
          claimId: row.claim_id,
          type: 'reminder.scheduled',
          actorId: actor.userId,
          data: {
            reminderId: id,
            kind: row.kind,
            dueAt: updated.due_at.toISOString(),
            previousDueAt: row.due_at.toISOString(),
            every: updated.every,
            until: updated.until?.toISOString() ?? null,
            rescheduled: true,
          },
        });
      }
      await this.timers.arm(tx, [{ id, dueAt: updated.due_at }]);
      return reminderView(updated);
    });
  }

  /** Cancels a reminder: once this returns, it never fires. Cancelling twice is harmless. */
  async cancel(actor: Actor, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      const [row] = await tx.rows<ReminderRow>(`SELECT ${REMINDER_COLUMNS} FROM reminders WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [
        id,
        actor.workspaceId,
      ]);
      if (!row) throw AppError.notFound('Reminder');
      if (row.status === 'done') throw AppError.conflict('The reminder is done; there is nothing left to cancel');
      if (row.status === 'scheduled') await this.cancelMany(tx, [row], actor.userId, 'cancelled by a user');
    });
  }

  async deliveriesOf(actor: Actor, id: string): Promise<DeliveryView[]> {
    await this.row(actor, id);
    const firings: Array<{ event_id: string; occurrence: number }> = await this.dataSource.query(
      `SELECT event_id, occurrence FROM reminder_firings WHERE reminder_id = $1`,
      [id],
    );
    const occurrenceOf = new Map(firings.map((f) => [f.event_id, f.occurrence]));
    const deliveries = await this.deliveries.ofEvents(
      actor.workspaceId,
      firings.map((f) => f.event_id),
    );
    return deliveries.map(({ eventId, ...d }) => ({ ...d, occurrence: occurrenceOf.get(eventId) ?? 0 })).sort((a, b) => a.occurrence - b.occurrence);
  }

  private async row(actor: Actor, id: string): Promise<ReminderRow> {
    const [row]: ReminderRow[] = await this.dataSource.query(`SELECT ${REMINDER_COLUMNS} FROM reminders WHERE id = $1 AND workspace_id = $2`, [
      id,
      actor.workspaceId,
    ]);
    if (!row) throw AppError.notFound('Reminder');
    return row;
  }
}

function checkRecurrence(every: string | null, until: Date | null, firstDue: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (every !== null && !isValidEvery(every, firstDue)) errors.push({ field: 'every', message: 'must be an ISO 8601 duration of at least PT1S' });
  if (until !== null && every === null) errors.push({ field: 'until', message: 'only applies to a recurring reminder (every)' });
  if (until !== null && until.getTime() < firstDue.getTime()) errors.push({ field: 'until', message: 'must not be before the first occurrence' });
  return errors;
}
