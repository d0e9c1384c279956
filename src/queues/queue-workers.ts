import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JobRegistry } from './job-registry';
import { ALL_QUEUES, isKnownJob, QueueName } from './jobs';
import { LocalWorkers } from './local-workers';
import { redisErrorReporter, workerRedisOptions } from './redis';

/** Jobs taken at once, per queue, by each worker process. */
const CONCURRENCY: Record<QueueName, number> = {
  // Firing is set-based (hundreds of reminders per job), so a few at a time is plenty.
  [QueueName.Reminders]: 2,
  // Webhook and e-mail sends wait on the network: 20 jobs at once, each sending 10 at a time.
  [QueueName.Deliveries]: 20,
  [QueueName.Maintenance]: 1,
};

/** How long SIGTERM waits for the jobs in flight before leaving them to BullMQ's stalled-job recovery. */
const CLOSE_GRACE_MS = 8_000;
/** With no job running, how long SIGTERM waits for BullMQ to close its connections. */
const CLOSE_IDLE_MS = 1_000;

/**
 * One BullMQ worker per queue in this process, each handing jobs to the handler of their
 * name. Built here rather than with `@Processor` because workers need their own connection
 * settings (they wait out a Redis outage; producers fail fast), which `@Processor` can only
 * take from the queue's. Errors propagate so that BullMQ retries with backoff; a handler
 * throws `UnrecoverableError` for work that can never succeed.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];
  /** Jobs this process is running now. */
  private running = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly localWorkers: LocalWorkers,
  ) {}

  onApplicationBootstrap(): void {
    const report = redisErrorReporter(this.logger, 'queue worker error');
    for (const queue of ALL_QUEUES) {
      const worker = new Worker<unknown, void, string>(queue, (job) => this.process(job), {
        connection: workerRedisOptions(this.config.redisUrl),
        prefix: this.config.queuePrefix,
        concurrency: CONCURRENCY[queue],
      });
      worker.on('error', (error: Error) => report(error, { queue }));
      this.localWorkers.register(queue, worker);
      this.workers.push(worker);
    }
  }

  /**
   * Stops taking jobs and lets those in flight finish, within CLOSE_GRACE_MS. A job cut off
   * (Redis gone, a slow receiver) is taken again by another worker when its lock expires, and
   * its effects are idempotent.
   */
  async beforeApplicationShutdown(): Promise<void> {
    let closed = false;
    const closing = Promise.all(this.workers.map((worker) => worker.close())).then(() => (closed = true));
    const started = Date.now();
    // With Redis away, close() waits for it even when no job runs: wait for our own jobs instead.
    while (!closed && Date.now() - started < CLOSE_GRACE_MS && (this.running > 0 || Date.now() - started < CLOSE_IDLE_MS)) {
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
    if (!closed) this.logger.warn({ running: this.running }, 'queue workers left without closing (Redis away, or jobs still running)');
  }

  private async process(job: Job<unknown, void, string>): Promise<void> {
    if (!isKnownJob(job)) throw new UnrecoverableError(`no handler for job "${job.name}"`);
    this.running += 1;
    try {
      await this.registry.run(job);
    } finally {
      this.running -= 1;
    }
  }
}
