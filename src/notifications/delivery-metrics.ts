import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { DELIVERY_STATUSES } from './delivery.entity';

/** `claimtrack_deliveries{status}`: deliveries of the whole installation by status, read on scrape. */
@Injectable()
export class DeliveryMetrics implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    const dataSource = this.dataSource;
    new Gauge({
      name: 'claimtrack_deliveries',
      help: 'Deliveries by status (inbox, e-mail and webhook)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const rows = await dataSource
          .query<Array<{ status: string; count: string }>>(`SELECT status, count(*) AS count FROM deliveries GROUP BY status`)
          .catch(() => []);
        for (const status of DELIVERY_STATUSES) this.set({ status }, Number(rows.find((r) => r.status === status)?.count ?? 0));
      },
    });
  }
}
