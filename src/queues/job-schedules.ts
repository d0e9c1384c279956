import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JobQueue } from './job-queue.service';
import { QUEUE_OF, SCHEDULES } from './jobs';

/** How often a worker re-asserts the schedules (they vanish with a flushed Redis). */
const REASSERT_EVERY_MS = 5_000;

/** Registers the recurring jobs of SCHEDULES with `upsertJobScheduler` (worker only). */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsertAll().catch((error: unknown) => this.logger.warn({ err: error }, 'could not register job schedules yet'));
    this.timer = setInterval(() => void this.upsertAll().catch(() => undefined), REASSERT_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async upsertAll(): Promise<void> {
    for (const schedule of SCHEDULES) {
      await this.jobs
        .queue(QUEUE_OF[schedule.name])
        .upsertJobScheduler(
          schedule.id,
          { every: schedule.everyMs },
          { name: schedule.name, data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } },
        );
    }
  }
}
