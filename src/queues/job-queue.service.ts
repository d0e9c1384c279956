import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { JobName, QUEUE_OF, QueueName, type JobPayloads } from './jobs';
import { redisErrorReporter } from './redis';

export interface EnqueueOptions {
  jobId: string;
  /** Run no earlier than this instant. */
  runAt?: Date;
}

/** A job to add: a union over the job names, so a payload always fits its name. */
export type JobRequest = { [N in JobName]: EnqueueOptions & { name: N; payload: JobPayloads[N] } }[JobName];

/**
 * Per-queue job settings on top of the defaults (queues.module.ts). Timers are removed as soon
 * as they ran, so that a later timer for the same instant is never mistaken for a duplicate.
 */
const JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  [QueueName.Reminders]: { removeOnComplete: true },
  [QueueName.Deliveries]: {},
  [QueueName.Maintenance]: { removeOnComplete: true },
};

/** The one typed way to put work on a queue. */
@Injectable()
export class JobQueue {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.Reminders) reminders: Queue,
    @InjectQueue(QueueName.Deliveries) deliveries: Queue,
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
  ) {
    this.queues = { [QueueName.Reminders]: reminders, [QueueName.Deliveries]: deliveries, [QueueName.Maintenance]: maintenance };
    const report = redisErrorReporter(new Logger(JobQueue.name), 'queue error');
    for (const queue of Object.values(this.queues)) queue.on('error', (error: Error) => report(error, { queue: queue.name }));
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** Adds many jobs in one round trip per queue. */
  async enqueueMany(requests: JobRequest[]): Promise<void> {
    const byQueue = new Map<QueueName, JobRequest[]>();
    for (const request of requests) {
      const queue = QUEUE_OF[request.name];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), request]);
    }
    const now = Date.now();
    await Promise.all(
      [...byQueue].map(([queue, batch]) =>
        this.queues[queue].addBulk(
          batch.map((request) => ({
            name: request.name,
            data: request.payload,
            opts: {
              ...JOB_OPTIONS[QUEUE_OF[request.name]],
              jobId: request.jobId,
              delay: request.runAt ? Math.max(0, request.runAt.getTime() - now) : undefined,
            } satisfies JobsOptions,
          })),
        ),
      ),
    );
  }

  async remove(queue: QueueName, jobId: string): Promise<void> {
    await this.queues[queue].remove(jobId);
  }
}
