import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SecretBox } from '../common/crypto/secret-box';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { Tx } from '../database/transaction';
import { JobQueue } from '../queues/job-queue.service';
import { EmailChannel } from './channels/email.channel';
import { sendJobs } from './delivery-jobs';
import type { Channel, DeliveryStatus } from './delivery.entity';
import { EventLog, type Notice } from '../events/event-log';
import { inboxEntryView, type InboxRow } from './inbox.service';
import type { EventType } from '../events/outbox-event.entity';

/** An event for people as well as systems: it reaches these users' inboxes and mailboxes. */
export interface PeopleEvent {
  /** Chosen by the caller when it must reference the event before publishing it. */
  id?: string;
  workspaceId: string;
  type: EventType;
  payload: Record<string, unknown>;
  notice: Notice;
  /** The one line of the inbox entry. */
  message: string;
  /** What the inbox entry refers to (claimId, reminderId…). */
  refs: Record<string, string | number>;
  /** What the inbox entry carries beyond its refs (a digest's lists…), when its type has any. */
  data?: Record<string, unknown>;
  recipients: Array<{ id: string; email: string }>;
}

interface PlannedDelivery {
  id: string;
  workspaceId: string;
  eventId: string;
  channel: Channel;
  target: string;
  status: DeliveryStatus;
  lastError: string | null;
}

/**
 * Turns events of the log into deliveries, inside the caller's transaction: events for people
 * at once (publish), events for systems by the dispatcher (dispatchPending). Jobs are enqueued
 * only after that transaction commits; the deliveries sweep is the backstop.
 */
@Injectable()
export class Notifier {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventLog,
    private readonly email: EmailChannel,
    private readonly jobs: JobQueue,
    private readonly secretBox: SecretBox,
  ) {}

  /**
   * One e-mail that carries a credential (an invitation or reset link) to one address, in the
   * caller's transaction: it goes out with every other delivery's retries, so an SMTP outage
   * delays it rather than losing it. Its text is stored sealed. Without SMTP_URL it is not
   * recorded at all: the link is then only in the API's answer.
   */
  async mailCredential(tx: Tx, mail: { workspaceId: string; to: string; subject: string; text: string }): Promise<void> {
    if (!this.email.enabled) return;
    const eventId = await this.events.record(tx, {
      workspaceId: mail.workspaceId,
      type: 'sign_in',
      payload: {},
      notice: { title: mail.subject, text: await this.secretBox.seal(mail.text), sealed: true },
      dispatched: true,
    });
    await this.insertDeliveries(tx, [
      { id: randomUUID(), workspaceId: mail.workspaceId, eventId, channel: 'email', target: mail.to, status: 'pending', lastError: null },
    ]);
  }

  /**
   * Events for people (reminder.due), delivered at once: an inbox entry per recipient, an
   * e-mail per recipient (skipped without SMTP_URL), and a call to every subscribed webhook.
   * Returns the event ids, in order.
   */
  async publish(tx: Tx, events: PeopleEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const eventIds = events.map((e) => e.id ?? randomUUID());
    await this.events.recordMany(
      tx,
      events.map((e, i) => ({ id: eventIds[i], workspaceId: e.workspaceId, type: e.type, payload: e.payload, notice: e.notice, dispatched: true })),
    );

    const inbox = events.flatMap((e, i) => e.recipients.map((r) => ({ event: e, eventId: eventIds[i], userId: r.id })));
    if (inbox.length > 0) {
      const entries = await tx.rows<InboxRow & { workspace_id: string; user_id: string }>(
        `INSERT INTO inbox_notifications (workspace_id, user_id, event_id, type, message, refs, data)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])
         ON CONFLICT (event_id, user_id) DO NOTHING
         RETURNING id, workspace_id, user_id, type, message, refs, data, created_at, read_at`,
        [
          inbox.map((n) => n.event.workspaceId),
          inbox.map((n) => n.userId),
          inbox.map((n) => n.eventId),
          inbox.map((n) => n.event.type),
          inbox.map((n) => n.event.message),
          inbox.map((n) => JSON.stringify(n.event.refs)),
          inbox.map((n) => (n.event.data ? JSON.stringify(n.event.data) : null)),
        ],
      );
      // Each new inbox entry reaches its own user's live streams, and nobody else's.
      await this.events.recordLive(
        tx,
        entries.map((entry) => {
          const view = inboxEntryView(entry);
          return { workspaceId: entry.workspace_id, type: 'notification.created' as const, userId: entry.user_id, claimId: view.claimId, data: { ...view } };
        }),
      );
    }

    const webhooks = await this.subscribedWebhooks(
      tx,
      events.map((e) => e.workspaceId),
      [...new Set(events.map((e) => e.type))],
    );
    const planned: PlannedDelivery[] = events.flatMap((event, i) => {
      const base = { workspaceId: event.workspaceId, eventId: eventIds[i], lastError: null };
      return [
        ...event.recipients.map((r) => ({ ...base, id: randomUUID(), channel: 'inbox' as const, target: r.id, status: 'delivered' as const })),
        ...event.recipients.map((r) =>
          this.email.enabled
            ? { ...base, id: randomUUID(), channel: 'email' as const, target: r.email, status: 'pending' as const }
            : { ...base, id: randomUUID(), channel: 'email' as const, target: r.email, status: 'skipped' as const, lastError: 'SMTP_URL is not set' },
        ),
        ...webhooks
          .filter((w) => w.workspaceId === event.workspaceId && w.events.includes(event.type))
          .map((w) => ({ ...base, id: randomUUID(), channel: 'webhook' as const, target: w.id, status: 'pending' as const })),
      ];
    });
    await this.insertDeliveries(tx, planned);
    return eventIds;
  }

  /** Fans events waiting in the log (claim.*) out to subscribed webhooks (the dispatcher). */
  async dispatchPending(tx: Tx, limit: number): Promise<number> {
    const events = await tx.rows<{ id: string; workspace_id: string; type: EventType }>(
      `SELECT id, workspace_id, type FROM outbox_events WHERE dispatched_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (events.length === 0) return 0;
    const webhooks = await this.subscribedWebhooks(
      tx,
      events.map((e) => e.workspace_id),
      [...new Set(events.map((e) => e.type))],
    );
    const planned = events.flatMap((event) =>
      webhooks
        .filter((w) => w.workspaceId === event.workspace_id && w.events.includes(event.type))
        .map((w) => ({
          id: randomUUID(),
          workspaceId: event.workspace_id,
          eventId: event.id,
          channel: 'webhook' as const,
          target: w.id,
          status: 'pending' as const,
          lastError: null,
        })),
    );
    await this.insertDeliveries(tx, planned);
    await tx.rows(`UPDATE outbox_events SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [events.map((e) => e.id)]);
    return events.length;
  }

  private async subscribedWebhooks(
    tx: Tx,
    workspaceIds: string[],
    types: EventType[],
  ): Promise<Array<{ id: string; workspaceId: string; events: EventType[] }>> {
    const rows = await tx.rows<{ id: string; workspace_id: string; events: EventType[] }>(
      `SELECT id, workspace_id, events FROM webhooks WHERE workspace_id = ANY($1::uuid[]) AND active AND deleted_at IS NULL AND events && $2::text[]`,
      [[...new Set(workspaceIds)], types],
    );
    return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id, events: r.events }));
  }

  /** Inserts deliveries (each (event, channel, target) once) and sends the pending ones after commit. */
  private async insertDeliveries(tx: Tx, planned: PlannedDelivery[]): Promise<void> {
    if (planned.length === 0) return;
    const inserted = await tx.rows<{ id: string; status: DeliveryStatus }>(
      `INSERT INTO deliveries (id, workspace_id, event_id, channel, target, status, attempts, max_attempts, next_attempt_at, delivered_at, last_error)
       SELECT d.id, d.ws, d.event_id, d.channel::delivery_channel, d.target, d.status::delivery_status,
              CASE WHEN d.status = 'delivered' THEN 1 ELSE 0 END, $8,
              CASE WHEN d.status = 'pending' THEN now() END, CASE WHEN d.status = 'delivered' THEN now() END, d.last_error
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[]) AS d(id, ws, event_id, channel, target, status, last_error)
       ON CONFLICT (event_id, channel, target) DO NOTHING
       RETURNING id, status`,
      [
        planned.map((d) => d.id),
        planned.map((d) => d.workspaceId),
        planned.map((d) => d.eventId),
        planned.map((d) => d.channel),
        planned.map((d) => d.target),
        planned.map((d) => d.status),
        planned.map((d) => d.lastError),
        this.config.deliveryMaxAttempts,
      ],
    );
    const sends = sendJobs(inserted.filter((d) => d.status === 'pending').map((d) => ({ id: d.id, attempt: 1 })));
    if (sends.length > 0) tx.afterCommit(() => this.jobs.enqueueMany(sends));
  }
}
