import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { SecretBox } from '../common/crypto/secret-box';
import { AppError } from '../common/http/app-error';
import { CREATED_KEY, decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { checkWebhookUrl, UrlRefused } from './channels/address-policy';
import { generateWebhookSecret } from './channels/signature';
import type { CreatedWebhookView, CreateWebhookDto, WebhookView } from './dto/notifications.dto';
import type { EventType } from '../events/outbox-event.entity';

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
      const [createdAt, id] = decodeCursor(cursor, CREATED_KEY);
      params.push(createdAt, id);
      after = 'AND (created_at, id) > ($3::timestamptz, $4::uuid)';
    }
    const rows: WebhookRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhooks WHERE workspace_id = $1 AND deleted_at IS NULL ${after} ORDER BY created_at, id LIMIT $2`,
      params,
    );
    return toPage(rows, limit, (r) => [r.created_at.toISOString(), r.id], webhookView);
  }

  async get(actor: Actor, id: string): Promise<WebhookView> {
    const [row]: WebhookRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM webhooks WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL`, [
      id,
      actor.workspaceId,
    ]);
    if (!row) throw AppError.notFound('Webhook');
    return webhookView(row);
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
