import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Actor } from '../accounts/actor';
import { SecretBox } from '../common/crypto/secret-box';
import { AppError } from '../common/http/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { inTransaction } from '../database/transaction';
import { JobQueue } from '../queues/job-queue.service';
import { jobIds, JobName } from '../queues/jobs';
import { backoffMs } from './backoff';
import { EmailChannel } from './channels/email.channel';
import { WebhookChannel, type SendOutcome } from './channels/webhook.channel';
import type { Channel, DeliveryStatus } from './delivery.entity';
import type { EventType } from './outbox-event.entity';

/** How long a worker may hold a delivery it is sending before another may take it over. */
const LEASE_SECONDS = 15;

export interface DeliveryRecord {
  id: string;
  eventId: string;
  channel: Channel;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
}

interface ClaimedDelivery {
  id: string;
  workspace_id: string;
  channel: Channel;
  target: string;
  attempts: number;
  max_attempts: number;
  type: EventType;
  payload: Record<string, unknown>;
  notice: { title: string; text: string } | null;
  event_at: Date;
}

/**
 * Sends one delivery attempt and records the outcome. At-least-once jobs, at-most-once sends
 * per attempt: a worker first takes a short lease on the row (one UPDATE), so two workers
 * never send the same attempt; a job for an attempt already made is skipped.
 */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger(DeliveriesService.name);
  private readonly outcomes: Counter<'channel' | 'outcome'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhookChannel,
    private readonly email: EmailChannel,
    private readonly secretBox: SecretBox,
    private readonly jobs: JobQueue,
    registry: Registry,
  ) {
    this.outcomes = new Counter({ name: 'claimtrack_delivery_attempts_total', help: 'Delivery attempts by channel and outcome (this process)', labelNames: ['channel', 'outcome'], registers: [registry] });
  }

  async send(deliveryId: string, attempt: number): Promise<void> {
    const [delivery]: ClaimedDelivery[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE deliveries SET lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
          WHERE id = $1 AND status IN ('pending', 'failed') AND attempts = $2 - 1 AND (lease_until IS NULL OR lease_until < now())
          RETURNING id, workspace_id, event_id, channel, target, attempts, max_attempts)
       SELECT c.*, e.type, e.payload, e.notice, e.created_at AS event_at FROM claimed c JOIN outbox_events e ON e.id = c.event_id`,
      [deliveryId, attempt],
    );
    if (!delivery) return; // done already, another worker holds it, or a stale job

    const outcome = await this.attempt(delivery);
    this.outcomes.inc({ channel: delivery.channel, outcome: 'skipped' in outcome ? 'skipped' : outcome.ok ? 'delivered' : 'failed' });
    await this.record(delivery, outcome);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<SendOutcome | { skipped: string }> {
    if (delivery.channel === 'webhook') {
      const [webhook]: Array<{ url: string; secret_sealed: string; active: boolean; deleted_at: Date | null }> = await this.dataSource.query(
        `SELECT url, secret_sealed, active, deleted_at FROM webhooks WHERE id = $1`,
        [delivery.target],
      );
      if (!webhook || webhook.deleted_at) return { skipped: 'the webhook was deleted' };
      if (!webhook.active) return { skipped: 'the webhook is disabled' };
      const body = JSON.stringify({ type: delivery.type, timestamp: delivery.event_at.toISOString(), data: delivery.payload });
      return this.webhooks.send(webhook.url, await this.secretBox.open(webhook.secret_sealed), delivery.id, body);
    }
    if (delivery.channel === 'email') {
      if (!this.email.enabled) return { skipped: 'SMTP_URL is not set' };
      try {
        await this.email.send({ to: delivery.target, subject: delivery.notice?.title ?? delivery.type, text: delivery.notice?.text ?? JSON.stringify(delivery.payload) });
        return { ok: true, status: 250 };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    }
    return { skipped: 'inbox entries are delivered when written' };
  }

  private async record(delivery: ClaimedDelivery, outcome: SendOutcome | { skipped: string }): Promise<void> {
    const attempts = delivery.attempts + 1;
    if ('skipped' in outcome) {
      await this.dataSource.query(`UPDATE deliveries SET status = 'skipped', last_error = $2, lease_until = NULL, updated_at = now() WHERE id = $1`, [delivery.id, outcome.skipped]);
      return;
    }
    if (outcome.ok) {
      await this.dataSource.query(
        `UPDATE deliveries SET status = 'delivered', attempts = $2, delivered_at = now(), last_error = NULL, lease_until = NULL, next_attempt_at = NULL, updated_at = now() WHERE id = $1`,
        [delivery.id, attempts],
      );
      return;
    }
    if (outcome.gone || attempts >= delivery.max_attempts) {
      await inTransaction(this.dataSource, async (tx) => {
        await tx.rows(`UPDATE deliveries SET status = 'dead', attempts = $2, last_error = $3, lease_until = NULL, next_attempt_at = NULL, updated_at = now() WHERE id = $1`, [delivery.id, attempts, outcome.error]);
        if (outcome.gone) await tx.rows(`UPDATE webhooks SET active = false, disabled_reason = $2 WHERE id = $1`, [delivery.target, 'the receiver answered 410 Gone']);
      });
      if (outcome.gone) this.logger.warn({ webhookId: delivery.target }, 'webhook disabled: its receiver answered 410 Gone');
      return;
    }
    const retryAt = new Date(Date.now() + backoffMs(this.config.deliveryRetryBaseMs, attempts));
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'failed', attempts = $2, last_error = $3, next_attempt_at = $4, lease_until = NULL, updated_at = now() WHERE id = $1`,
      [delivery.id, attempts, outcome.error, retryAt],
    );
    await this.jobs
      .enqueue(JobName.SendDelivery, { deliveryId: delivery.id, attempt: attempts + 1 }, { jobId: jobIds.send(delivery.id, attempts + 1), runAt: retryAt })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not enqueue a retry; the sweep will'));
  }

  /** A dead delivery gets another round of attempts, under the same id (same webhook-id). */
  async retry(actor: Actor, id: string): Promise<DeliveryRecord> {
    const [row]: DeliveryRow[] = await this.dataSource.query(
      `WITH retried AS (
         UPDATE deliveries SET status = 'pending', max_attempts = attempts + $3, next_attempt_at = now(), updated_at = now()
          WHERE id = $1 AND workspace_id = $2 AND status = 'dead'
          RETURNING ${DELIVERY_COLUMNS})
       SELECT * FROM retried`,
      [id, actor.workspaceId, this.config.deliveryMaxAttempts],
    );
    if (!row) {
      const [existing]: Array<{ status: DeliveryStatus }> = await this.dataSource.query(`SELECT status FROM deliveries WHERE id = $1 AND workspace_id = $2`, [id, actor.workspaceId]);
      if (!existing) throw AppError.notFound('Delivery');
      throw AppError.conflict(`Only a dead delivery can be retried; this one is ${existing.status}`);
    }
    await this.jobs
      .enqueue(JobName.SendDelivery, { deliveryId: id, attempt: row.attempts + 1 }, { jobId: jobIds.send(id, row.attempts + 1) })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not enqueue the retry; the sweep will'));
    return deliveryRecord(row);
  }

  /** The deliveries of some events of the workspace (for a reminder's occurrences). */
  async ofEvents(workspaceId: string, eventIds: string[]): Promise<DeliveryRecord[]> {
    if (eventIds.length === 0) return [];
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE workspace_id = $1 AND event_id = ANY($2::uuid[]) ORDER BY created_at, channel, target`,
      [workspaceId, eventIds],
    );
    return rows.map(deliveryRecord);
  }

  /**
   * The backstop for lost jobs (a flushed Redis, a crash between commit and enqueue): pending
   * or failed deliveries whose attempt is overdue by more than a few seconds get a new job.
   */
  async rescueOverdue(limit: number): Promise<number> {
    const rows: Array<{ id: string; attempts: number }> = await this.dataSource.query(
      `SELECT id, attempts FROM deliveries
        WHERE status IN ('pending', 'failed') AND next_attempt_at <= now() - interval '5 seconds' AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at LIMIT $1`,
      [limit],
    );
    const now = new Date();
    await this.jobs.enqueueMany(rows.map((r) => ({ name: JobName.SendDelivery, payload: { deliveryId: r.id, attempt: r.attempts + 1 }, jobId: jobIds.rescue(r.id, r.attempts + 1, now) })));
    return rows.length;
  }
}

const DELIVERY_COLUMNS = 'id, event_id, channel, target, status, attempts, last_error, delivered_at';

interface DeliveryRow {
  id: string;
  event_id: string;
  channel: Channel;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
}

function deliveryRecord(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    channel: row.channel,
    target: row.target,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}
