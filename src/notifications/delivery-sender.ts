import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { SecretBox, UnreadableSecretError } from '../common/crypto/secret-box';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { Notice } from '../events/event-log';
import type { EventType } from '../events/outbox-event.entity';
import { JobQueue } from '../queues/job-queue.service';
import { jobIds } from '../queues/jobs';
import { backoffMs } from './backoff';
import { EmailChannel } from './channels/email.channel';
import { WebhookChannel, type SendOutcome } from './channels/webhook.channel';
import { sendJobs } from './delivery-jobs';
import { DeliveryLease, LEASE_SECONDS } from './delivery-lease';
import type { Channel } from './delivery.entity';

/** Deliveries of one job sent at the same time. */
const SENDS_IN_PARALLEL = 10;

/** A delivery leased for one attempt, with its event and (for webhooks) its webhook. */
interface LeasedDelivery {
  id: string;
  channel: Channel;
  target: string;
  attempts: number;
  max_attempts: number;
  type: EventType;
  payload: Record<string, unknown>;
  notice: Notice | null;
  event_at: Date;
  url: string | null;
  secret_sealed: string | null;
  webhook_active: boolean | null;
  webhook_deleted_at: Date | null;
  lease_until: Date;
}

/**
 * What one attempt came to: sent or not (SendOutcome), not to be sent, never sendable, or not
 * started because this worker no longer holds the delivery (its lease was lost).
 */
type Outcome = SendOutcome | { skipped: string } | { hopeless: string } | { lost: true };

/**
 * The worker side of deliveries: sends attempts and records their outcomes. At-least-once
 * jobs, at-most-once sends per attempt: a worker first leases the rows (one UPDATE for the
 * whole batch, which only takes rows still waiting for exactly that attempt), so two workers
 * never send the same attempt and a job for an attempt already made does nothing. The lease is
 * renewed while the batch is being sent, however long that takes (DeliveryLease); a worker that
 * dies holding it leaves the rows to the deliveries sweep once it has run out.
 *
 * One delivery never sinks its batch: an attempt that throws is that delivery's outcome
 * (`dead` when no retry can help, such as a webhook secret that no longer decrypts; `failed`
 * otherwise), and every outcome of the batch is recorded.
 */
@Injectable()
export class DeliverySender {
  private readonly logger = new Logger(DeliverySender.name);
  private readonly outcomes: Counter<'channel' | 'outcome'>;
  /** Webhook secrets are immutable: opened once per process. */
  private readonly secrets = new Map<string, string>();
  /** The right-hand side of e-mail Message-IDs: the desk's host name. */
  private readonly messageIdHost: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhookChannel,
    private readonly email: EmailChannel,
    private readonly secretBox: SecretBox,
    private readonly jobs: JobQueue,
    registry: Registry,
  ) {
    this.outcomes = new Counter({
      name: 'claimtrack_delivery_attempts_total',
      help: 'Delivery attempts by channel and outcome (this process)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    });
    this.messageIdHost = new URL(config.publicUrl).hostname || 'claimtrack';
  }

  async send(refs: Array<{ id: string; attempt: number }>): Promise<void> {
    const leasedAt = Date.now();
    const leased: LeasedDelivery[] = await this.dataSource.query(
      `WITH leased AS (
         UPDATE deliveries d SET lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
           FROM unnest($1::uuid[], $2::int[]) AS r(id, attempt)
          WHERE d.id = r.id AND d.status IN ('pending', 'failed') AND d.attempts = r.attempt - 1 AND (d.lease_until IS NULL OR d.lease_until < now())
          RETURNING d.id, d.event_id, d.channel, d.target, d.attempts, d.max_attempts, d.lease_until)
       SELECT l.id, l.channel, l.target, l.attempts, l.max_attempts, l.lease_until, e.type, e.payload, e.notice, e.created_at AS event_at,
              w.url, w.secret_sealed, w.active AS webhook_active, w.deleted_at AS webhook_deleted_at
         FROM leased l
         JOIN outbox_events e ON e.id = l.event_id
         LEFT JOIN webhooks w ON l.channel = 'webhook' AND w.id::text = l.target`,
      [refs.map((r) => r.id), refs.map((r) => r.attempt)],
    );
    if (leased.length === 0) return; // done already, held by another worker, or stale jobs

    const lease = new DeliveryLease(
      this.dataSource,
      this.logger,
      leased.map((d) => d.id),
      leased[0].lease_until, // one UPDATE, one now(): the same for every row
      leasedAt,
    ).keep();
    try {
      const outcomes = new Array<Outcome>(leased.length);
      let next = 0;
      const lane = async () => {
        for (let i = next++; i < leased.length; i = next++) {
          outcomes[i] = lease.mayStart(leased[i].id) ? await this.attemptOnce(leased[i]) : { lost: true };
        }
      };
      await Promise.all(Array.from({ length: Math.min(SENDS_IN_PARALLEL, leased.length) }, lane));
      leased.forEach((d, i) => this.outcomes.inc({ channel: d.channel, outcome: outcomeName(outcomes[i]) }));
      const made = leased.map((delivery, i) => ({ delivery, outcome: outcomes[i] })).filter((m) => !('lost' in m.outcome));
      const byId = new Map(made.map((m) => [m.delivery.id, m]));
      await lease.settle([...byId.keys()], (held, until) =>
        this.record(
          held.map((id) => byId.get(id)!),
          until,
        ),
      );
    } finally {
      lease.release();
    }
  }

  /** One attempt, whatever happens: an exception becomes this delivery's outcome, not the batch's. */
  private async attemptOnce(delivery: LeasedDelivery): Promise<Outcome> {
    try {
      return await this.attempt(delivery);
    } catch (error) {
      if (error instanceof UnreadableSecretError && delivery.channel === 'email') {
        this.logger.warn({ deliveryId: delivery.id }, 'sealed e-mail text cannot be decrypted; delivery is dead');
        return { hopeless: 'the e-mail text cannot be decrypted (sealed under another SECRETS_KEY, or altered); ask for a new link' };
      }
      if (error instanceof UnreadableSecretError) {
        this.logger.warn({ deliveryId: delivery.id, webhookId: delivery.target }, 'webhook secret cannot be decrypted; delivery is dead');
        return {
          hopeless: `the webhook's signing secret cannot be decrypted (sealed under another SECRETS_KEY, or altered), so it can never be signed; delete the webhook and register it again`,
        };
      }
      this.logger.error({ err: error, deliveryId: delivery.id, channel: delivery.channel }, 'delivery attempt threw');
      return { ok: false, error: `internal error: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async attempt(delivery: LeasedDelivery): Promise<Outcome> {
    if (delivery.channel === 'webhook') {
      if (!delivery.url || delivery.webhook_deleted_at) return { skipped: 'the webhook was deleted' };
      if (!delivery.webhook_active) return { skipped: 'the webhook is disabled' };
      const body = JSON.stringify({ type: delivery.type, timestamp: delivery.event_at.toISOString(), data: delivery.payload });
      return this.webhooks.send(delivery.url, await this.secretOf(delivery.secret_sealed!), delivery.id, body);
    }
    if (delivery.channel === 'email') {
      if (!this.email.enabled) return { skipped: 'SMTP_URL is not set' };
      const notice = delivery.notice;
      // A sealed text (a sign-in link) that cannot be opened throws here, outside the retries.
      const text = notice?.sealed ? await this.secretBox.open(notice.text) : (notice?.text ?? JSON.stringify(delivery.payload));
      try {
        await this.email.send({
          to: delivery.target,
          subject: notice?.title ?? delivery.type,
          text,
          ...(notice?.html ? { html: notice.html } : {}),
          // Every attempt of one delivery carries the same Message-ID, as webhook calls carry the
          // same webhook-id: an e-mail sent again (a worker died, or its lease ran out before it
          // recorded the outcome) is recognisably the same message, not a second one.
          messageId: `<${delivery.id}@${this.messageIdHost}>`,
        });
        return { ok: true, status: 250 };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    }
    return { skipped: 'inbox entries are delivered when written' };
  }

  private async secretOf(sealed: string): Promise<string> {
    let secret = this.secrets.get(sealed);
    if (secret === undefined) {
      secret = await this.secretBox.open(sealed);
      if (this.secrets.size > 10_000) this.secrets.clear();
      this.secrets.set(sealed, secret);
    }
    return secret;
  }

  /**
   * Records a batch of outcomes: at most one UPDATE per kind of outcome, all of them tried
   * even when one fails (the job then fails, and a delivery left leased goes to the sweep).
   * Each UPDATE touches only rows still under this batch's lease (`until`).
   */
  private async record(made: Array<{ delivery: LeasedDelivery; outcome: Outcome }>, until: Date): Promise<void> {
    const delivered: string[] = [];
    const skipped: Array<{ id: string; reason: string }> = [];
    const dead: Array<{ delivery: LeasedDelivery; error: string; gone: boolean }> = [];
    const failed: Array<{ delivery: LeasedDelivery; error: string; retryAt: Date }> = [];
    for (const { delivery, outcome } of made) {
      if ('lost' in outcome) continue;
      if ('skipped' in outcome) skipped.push({ id: delivery.id, reason: outcome.skipped });
      else if ('hopeless' in outcome) dead.push({ delivery, error: outcome.hopeless, gone: false });
      else if (outcome.ok) delivered.push(delivery.id);
      else if (outcome.gone || delivery.attempts + 1 >= delivery.max_attempts) dead.push({ delivery, error: outcome.error, gone: outcome.gone === true });
      else failed.push({ delivery, error: outcome.error, retryAt: new Date(Date.now() + backoffMs(this.config.deliveryRetryBaseMs, delivery.attempts + 1)) });
    }

    const updates: Array<Promise<unknown>> = [];
    if (delivered.length > 0) {
      updates.push(
        this.dataSource.query(
          `UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_error = NULL, lease_until = NULL, next_attempt_at = NULL, updated_at = now()
            WHERE id = ANY($1::uuid[]) AND lease_until = $2`,
          [delivered, until],
        ),
      );
    }
    if (skipped.length > 0) {
      updates.push(
        this.dataSource.query(
          `UPDATE deliveries d SET status = 'skipped', last_error = s.reason, lease_until = NULL, next_attempt_at = NULL, updated_at = now()
             FROM unnest($1::uuid[], $2::text[]) AS s(id, reason) WHERE d.id = s.id AND d.lease_until = $3`,
          [skipped.map((s) => s.id), skipped.map((s) => s.reason), until],
        ),
      );
    }
    if (dead.length > 0) {
      updates.push(
        this.dataSource.query(
          `UPDATE deliveries d SET status = 'dead', attempts = attempts + 1, last_error = x.error, lease_until = NULL, next_attempt_at = NULL, updated_at = now()
             FROM unnest($1::uuid[], $2::text[]) AS x(id, error) WHERE d.id = x.id AND d.lease_until = $3`,
          [dead.map((d) => d.delivery.id), dead.map((d) => d.error), until],
        ),
      );
      const gone = [...new Set(dead.filter((d) => d.gone).map((d) => d.delivery.target))];
      if (gone.length > 0) {
        updates.push(
          this.dataSource.query(`UPDATE webhooks SET active = false, disabled_reason = 'the receiver answered 410 Gone' WHERE id = ANY($1::uuid[])`, [gone]),
        );
        this.logger.warn({ webhookIds: gone }, 'webhooks disabled: their receivers answered 410 Gone');
      }
    }
    if (failed.length > 0) {
      updates.push(
        this.dataSource.query(
          `UPDATE deliveries d SET status = 'failed', attempts = attempts + 1, last_error = f.error, next_attempt_at = f.retry_at, lease_until = NULL, updated_at = now()
             FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS f(id, error, retry_at) WHERE d.id = f.id AND d.lease_until = $4`,
          [failed.map((f) => f.delivery.id), failed.map((f) => f.error), failed.map((f) => f.retryAt), until],
        ),
      );
    }
    const settled = await Promise.allSettled(updates);
    if (failed.length > 0) {
      await this.jobs
        .enqueueMany(failed.flatMap((f) => sendJobs([{ id: f.delivery.id, attempt: f.delivery.attempts + 2 }], f.retryAt)))
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not enqueue retries; the sweep will'));
    }
    const refused = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (refused) throw refused.reason;
  }

  /**
   * The backstop for lost jobs (a flushed Redis, a crash between commit and enqueue, a worker
   * killed mid-send): pending or failed deliveries overdue by a few seconds get a new job.
   */
  async rescueOverdue(limit: number): Promise<number> {
    const rows: Array<{ id: string; attempts: number }> = await this.dataSource.query(
      `SELECT id, attempts FROM deliveries
        WHERE status IN ('pending', 'failed') AND next_attempt_at <= now() - interval '5 seconds' AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at LIMIT $1`,
      [limit],
    );
    const now = new Date();
    await this.jobs.enqueueMany(
      sendJobs(rows.map((r) => ({ id: r.id, attempt: r.attempts + 1 }))).map((job) => {
        const first = (job.payload as { deliveries: Array<{ id: string; attempt: number }> }).deliveries[0];
        return { ...job, jobId: jobIds.rescue(first.id, first.attempt, now) };
      }),
    );
    return rows.length;
  }
}

function outcomeName(outcome: Outcome): string {
  if ('lost' in outcome) return 'lost';
  if ('skipped' in outcome) return 'skipped';
  if ('hopeless' in outcome) return 'dead';
  return outcome.ok ? 'delivered' : 'failed';
}
