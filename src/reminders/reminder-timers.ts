import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { inTransaction, type Tx } from '../database/transaction';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JobQueue, type JobRequest } from '../queues/job-queue.service';
import { REDIS } from '../queues/queues.module';
import { jobIds, JobName, timerInstant } from '../queues/jobs';

/**
 * Redis holds only what falls due soon: a delayed BullMQ job ("fire what is due at T") for
 * each instant within this horizon. A million reminders months ahead cost Redis nothing.
 */
export const HORIZON_MS = 60_000;
const BATCH = 1000;

function timerJobs(dueTimes: Date[]): JobRequest[] {
  const instants = [...new Set(dueTimes.map((d) => timerInstant(d).getTime()))].map((ms) => new Date(ms));
  return instants.map((at) => ({ name: JobName.FireDueReminders, payload: { dueAt: at.toISOString() }, jobId: jobIds.fireDue(at), runAt: at }));
}

/** Sets the Redis timers of reminders: at once for those created or moved inside the horizon, by the sweep for the rest. */
@Injectable()
export class ReminderTimers {
  private readonly logger = new Logger(ReminderTimers.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * A key that lives as long as Redis keeps its data. When it is gone (a flushed or replaced
   * Redis), every timer may be gone too: forget which reminders were armed, and arm them again.
   */
  private async rearmIfRedisForgot(): Promise<void> {
    const created = await this.redis.set(`${this.config.queuePrefix}:timers-epoch`, new Date().toISOString(), 'NX');
    if (created !== 'OK') return;
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE reminders SET enqueued_for = NULL WHERE status = 'scheduled' AND enqueued_for IS NOT NULL`,
    );
    if (count > 0) this.logger.warn({ reminders: count }, 'Redis lost its timers; arming them again');
  }

  /** Within a reminder's own transaction: if it falls due soon, set its timer after commit. */
  async arm(tx: Tx, reminders: Array<{ id: string; dueAt: Date }>): Promise<void> {
    const soon = reminders.filter((r) => r.dueAt.getTime() <= Date.now() + HORIZON_MS);
    if (soon.length === 0) return;
    const ids = soon.map((r) => r.id);
    await tx.rows(`UPDATE reminders SET enqueued_for = due_at WHERE id = ANY($1::uuid[])`, [ids]);
    tx.afterCommit(async () => {
      try {
        await this.jobs.enqueueMany(timerJobs(soon.map((r) => r.dueAt)));
      } catch (error) {
        // Redis is away: leave the timers to the sweep, which re-arms what is not marked.
        await this.dataSource.query(`UPDATE reminders SET enqueued_for = NULL WHERE id = ANY($1::uuid[])`, [ids]).catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * The sweep: reminders entering the horizon get their timer, in batches; SKIP LOCKED lets
   * several workers share the work without taking the same rows.
   */
  async armUpcoming(): Promise<number> {
    await this.rearmIfRedisForgot();
    let total = 0;
    for (;;) {
      const count = await inTransaction(this.dataSource, async (tx) => {
        const rows = await tx.rows<{ id: string; due_at: Date }>(
          `SELECT id, due_at FROM reminders
            WHERE status = 'scheduled' AND due_at <= $1 AND enqueued_for IS DISTINCT FROM due_at
            ORDER BY due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [new Date(Date.now() + HORIZON_MS)],
        );
        if (rows.length === 0) return 0;
        await this.jobs.enqueueMany(timerJobs(rows.map((r) => r.due_at)));
        await tx.rows(`UPDATE reminders SET enqueued_for = due_at WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
        return rows.length;
      });
      total += count;
      if (count < BATCH) return total;
    }
  }
}
