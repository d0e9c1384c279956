import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { RepeatedFailure } from '../common/logging/repeated-failure';
import { withTimeout } from '../common/timeout';
import { DELIVERY_STATUSES } from './delivery.entity';

/** A scrape never waits longer than this for PostgreSQL. */
const READ_TIMEOUT_MS = 1000;

/**
 * `claimtrack_deliveries{status}`: deliveries of the whole installation by status, read on
 * scrape. When PostgreSQL cannot answer, every status reads NaN (unknown), never a false 0.
 */
@Injectable()
export class DeliveryMetrics implements OnModuleInit {
  private readonly failures = new RepeatedFailure(new Logger(DeliveryMetrics.name), 'reading delivery counts for /metrics');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    const { dataSource, failures } = this;
    new Gauge({
      name: 'claimtrack_deliveries',
      help: 'Deliveries by status (inbox, e-mail and webhook); NaN when the database cannot be read',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        let rows: Array<{ status: string; count: string }>;
        try {
          rows = await withTimeout(
            dataSource.query<Array<{ status: string; count: string }>>(`SELECT status, count(*) AS count FROM deliveries GROUP BY status`),
            READ_TIMEOUT_MS,
            'delivery counts',
          );
          failures.succeeded();
        } catch (error) {
          failures.failed(error);
          for (const status of DELIVERY_STATUSES) this.set({ status }, Number.NaN);
          return;
        }
        for (const status of DELIVERY_STATUSES) this.set({ status }, Number(rows.find((r) => r.status === status)?.count ?? 0));
      },
    });
  }
}
