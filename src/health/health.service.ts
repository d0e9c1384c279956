import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { withTimeout } from '../common/timeout';
import { JobQueue } from '../queues/job-queue.service';
import { ALL_QUEUES } from '../queues/jobs';
import { REDIS } from '../queues/queues.module';

export type CheckState = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: { database: CheckState; redis: CheckState };
  /** Jobs per queue and state, and how many workers are listening (when Redis is up). */
  queues?: Record<string, { workers: number; waiting: number; delayed: number; active: number; failed: number }>;
}

const CHECK_TIMEOUT_MS = 1500;

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly jobs: JobQueue,
  ) {}

  async report(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([this.probe(() => this.dataSource.query('SELECT 1')), this.probe(() => this.redis.ping())]);
    const report: HealthReport = { status: database === 'up' && redis === 'up' ? 'ok' : 'unavailable', checks: { database, redis } };
    if (redis === 'up') report.queues = await this.queueReport().catch(() => undefined);
    return report;
  }

  private async probe(check: () => Promise<unknown>): Promise<CheckState> {
    try {
      await withTimeout(check(), CHECK_TIMEOUT_MS, 'health check');
      return 'up';
    } catch {
      return 'down';
    }
  }

  private async queueReport(): Promise<HealthReport['queues']> {
    const entries = await withTimeout(
      Promise.all(
        ALL_QUEUES.map(async (name) => {
          const queue = this.jobs.queue(name);
          const [counts, workers] = await Promise.all([queue.getJobCounts('waiting', 'delayed', 'active', 'failed'), queue.getWorkersCount()]);
          return [
            name,
            { workers, waiting: counts.waiting ?? 0, delayed: counts.delayed ?? 0, active: counts.active ?? 0, failed: counts.failed ?? 0 },
          ] as const;
        }),
      ),
      CHECK_TIMEOUT_MS,
      'queue report',
    );
    return Object.fromEntries(entries);
  }
}
