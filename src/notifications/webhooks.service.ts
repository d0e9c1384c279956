import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { SecretBox } from '../common/crypto/secret-box';
import { AppError } from '../common/http/app-error';
import { createdKey, decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { checkWebhookUrl, UrlRefused } from './channels/address-policy';
import { generateWebhookSecret } from './channels/signature';
import type { CreatedWebhookView, CreateWebhookDto, WebhookDeliveryView, WebhookView } from './dto/notifications.dto';
import type { DeliveryStatus } from './delivery.entity';
import type { EventType } from '../events/outbox-event.entity';

/** The cursors of this file's lists (see pagination.ts). */
const WEBHOOK_PAGES = createdKey('webhooks');
const DELIVERY_LOG_PAGES = createdKey('webhook-deliveries');

interface WebhookRow {
  id: string;
  url: string;
  events: EventType[];
  active: boolean;
  disabled_reason: string | null;
  created_at: Date;
}

const COLUMNS = 'id, url, events, active, disabled_reason, created_at';

function webhookView(row: WebhookRow): WebhookView {
  return { id: row.id, url: row.url, events: row.events, active: row.active, disabledReason: row.disabled_reason, createdAt: row.created_at.toISOString() };
}

interface DeliveryLogRow {
  id: string;
  event: EventType;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
  next_attempt_at: Date | null;
  created_at: Date;
}

function deliveryLogView(row: DeliveryLogRow): WebhookDeliveryView {
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    nextAttemptAt: row.status === 'pending' || row.status === 'failed' ? (row.next_attempt_at?.toISOString() ?? null) : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** A workspace's webhooks (admins only). The secret is shown once, then kept sealed. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secretBox: SecretBox,
  ) {}

  async create(actor: Actor, dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    try {
      await checkWebhookUrl(dto.url, this.config.webhookAllowPrivate);
    } catch (error) {
      if (error instanceof UrlRefused) throw AppError.validation([{ field: 'url', message: error.message }]);
      throw error;
    }
    const secret = generateWebhookSecret();
    const [row]: WebhookRow[] = await this.dataSource.query(
      `INSERT INTO webhooks (workspace_id, url, events, secret_sealed, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [actor.workspaceId, dto.url, dto.events, await this.secretBox.seal(secret), actor.userId],
    );
    return { ...webhookView(row), secret };
  }

  async list(actor: Actor, limit: number, cursor?: string): Promise<Page<WebhookView>> {
    const params: unknown[] = [actor.workspaceId, limit + 1];
    let after = '';
    if (cursor) {
      const [createdAt, id] = decodeCursor(cursor, WEBHOOK_PAGES);
      params.push(createdAt, id);
      after = 'AND (created_at, id) > ($3::timestamptz, $4::uuid)';
    }
    const rows: WebhookRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhooks WHERE workspace_id = $1 AND deleted_at IS NULL ${after} ORDER BY created_at, id LIMIT $2`,
      params,
    );
    return toPage(rows, limit, WEBHOOK_PAGES, (r) => [r.created_at.toISOString(), r.id], webhookView);
  }

  async get(actor: Actor, id: string): Promise<WebhookView> {
    const [row]: WebhookRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM webhooks WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL`, [
      id,
      actor.workspaceId,
    ]);
    if (!row) throw AppError.notFound('Webhook');
    return webhookView(row);
  }

  /**
   * A webhook's delivery log, newest first: every event sent or being sent to it, with how it
   * went. Keyset paging on (created_at, id) descending.
   */
  async deliveries(actor: Actor, id: string, limit: number, cursor?: string): Promise<Page<WebhookDeliveryView>> {
    await this.get(actor, id);
    const params: unknown[] = [actor.workspaceId, id, limit + 1];
    let before = '';
    if (cursor) {
      const [createdAt, deliveryId] = decodeCursor(cursor, DELIVERY_LOG_PAGES);
      params.push(createdAt, deliveryId);
      before = 'AND (d.created_at, d.id) < ($4::timestamptz, $5::uuid)';
    }
    const rows: DeliveryLogRow[] = await this.dataSource.query(
      `SELECT d.id, e.type AS event, d.status, d.attempts, d.last_error, d.delivered_at, d.next_attempt_at, d.created_at
         FROM deliveries d JOIN outbox_events e ON e.id = d.event_id
        WHERE d.workspace_id = $1 AND d.channel = 'webhook' AND d.target = $2 ${before}
        ORDER BY d.created_at DESC, d.id DESC LIMIT $3`,
      params,
    );
    return toPage(rows, limit, DELIVERY_LOG_PAGES, (r) => [r.created_at.toISOString(), r.id], deliveryLogView);
  }

  /** Deletes (keeps the row for the deliveries that name it); nothing is sent to it again. */
  async remove(actor: Actor, id: string): Promise<void> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE webhooks SET deleted_at = now(), active = false WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL`,
      [id, actor.workspaceId],
    );
    if (affected === 0) throw AppError.notFound('Webhook');
  }
}
