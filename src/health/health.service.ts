import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { RepeatedFailure } from '../common/logging/repeated-failure';
import { withTimeout } from '../common/timeout';
import { JobQueue } from '../queues/job-queue.service';
import { ALL_QUEUES } from '../queues/jobs';
import { REDIS } from '../queues/queues.module';

export type CheckState = 'up' | 'down';

type QueueReport = Record<string, { workers: number; waiting: number; delayed: number; active: number; failed: number }>;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: { database: CheckState; redis: CheckState };
  /** Jobs per queue and state, and how many workers are listening; `unknown` when Redis cannot tell. */
  queues: QueueReport | 'unknown';
}

const CHECK_TIMEOUT_MS = 1500;

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);
  /** Each failing check is logged once a minute, however often /health is polled. */
  private readonly failures = {
    database: new RepeatedFailure(this.logger, 'the PostgreSQL health check'),
    redis: new RepeatedFailure(this.logger, 'the Redis health check'),
    queues: new RepeatedFailure(this.logger, 'reading the queues for /health'),
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly jobs: JobQueue,
  ) {}

  async report(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([
      this.probe(this.failures.database, () => this.dataSource.query('SELECT 1')),
      this.probe(this.failures.redis, () => this.redis.ping()),
    ]);
    return {
      status: database === 'up' && redis === 'up' ? 'ok' : 'unavailable',
      checks: { database, redis },
      queues: redis === 'up' ? await this.queueReport() : 'unknown',
    };
  }

  private async probe(failures: RepeatedFailure, check: () => Promise<unknown>): Promise<CheckState> {
    try {
      await withTimeout(check(), CHECK_TIMEOUT_MS, 'health check');
      failures.succeeded();
      return 'up';
    } catch (error) {
      failures.failed(error);
      return 'down';
    }
  }

  private async queueReport(): Promise<QueueReport | 'unknown'> {
    try {
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
      this.failures.queues.succeeded();
      return Object.fromEntries(entries);
    } catch (error) {
      this.failures.queues.failed(error);
      return 'unknown';
    }
  }
}
