import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { withTimeout } from '../common/timeout';
import { JobQueue } from './job-queue.service';
import { ALL_QUEUES } from './jobs';

const STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

/** `claimtrack_queue_jobs{queue,state}`: BullMQ queue depths, read from Redis on scrape. */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    const jobs = this.jobs;
    new Gauge({
      name: 'claimtrack_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        await Promise.all(
          ALL_QUEUES.map(async (queue) => {
            const counts = await withTimeout(jobs.queue(queue).getJobCounts(...STATES), 1000, 'queue metrics').catch(() => null);
            if (counts) for (const state of STATES) this.set({ queue, state }, counts[state] ?? 0);
          }),
        );
      },
    });
  }
}
