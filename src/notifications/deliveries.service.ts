import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JobQueue } from '../queues/job-queue.service';
import { sendJobs } from './delivery-jobs';
import type { Channel, DeliveryStatus } from './delivery.entity';

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

/** The API side of deliveries: read them, retry a dead one. The worker sends them (DeliverySender). */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger(DeliveriesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

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
      const [existing]: Array<{ status: DeliveryStatus }> = await this.dataSource.query(`SELECT status FROM deliveries WHERE id = $1 AND workspace_id = $2`, [
        id,
        actor.workspaceId,
      ]);
      if (!existing) throw AppError.notFound('Delivery');
      throw AppError.conflict(`Only a dead delivery can be retried; this one is ${existing.status}`);
    }
    await this.jobs
      .enqueueMany(sendJobs([{ id, attempt: row.attempts + 1 }]))
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
