import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { RepeatedFailure } from '../common/logging/repeated-failure';
import { withTimeout } from '../common/timeout';
import { JobQueue } from './job-queue.service';
import { ALL_QUEUES } from './jobs';

const STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

/**
 * `claimtrack_queue_jobs{queue,state}`: BullMQ queue depths, read from Redis on scrape. A queue
 * whose counts cannot be read reads NaN (unknown) in every state: neither 0 nor the last value.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  private readonly failures = new RepeatedFailure(new Logger(QueueMetrics.name), 'reading queue depths for /metrics');

  constructor(
    private readonly jobs: JobQueue,
    private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    const { jobs, failures } = this;
    new Gauge({
      name: 'claimtrack_queue_jobs',
      help: 'Jobs per queue and state; NaN when Redis cannot be read',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const results = await Promise.allSettled(ALL_QUEUES.map((queue) => withTimeout(jobs.queue(queue).getJobCounts(...STATES), 1000, 'queue metrics')));
        const unread: string[] = [];
        results.forEach((result, i) => {
          const queue = ALL_QUEUES[i];
          if (result.status === 'rejected') unread.push(queue);
          for (const state of STATES) this.set({ queue, state }, result.status === 'fulfilled' ? (result.value[state] ?? 0) : Number.NaN);
        });
        const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (refused) failures.failed(refused.reason, { queues: unread });
        else failures.succeeded();
      },
    });
  }
}
