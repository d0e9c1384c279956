import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RepeatedFailure } from '../common/logging/repeated-failure';
import { JobQueue } from './job-queue.service';
import { QUEUE_OF, SCHEDULES } from './jobs';

/** How often a worker re-asserts the schedules (they vanish with a flushed Redis). */
const REASSERT_EVERY_MS = 5_000;

/** Registers the recurring jobs of SCHEDULES with `upsertJobScheduler` (worker only). */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  /** Redis down means a failure every 5 s: logged once a minute, and when it works again. */
  private readonly failures = new RepeatedFailure(this.logger, 'registering the job schedules');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reassert();
    this.timer = setInterval(() => void this.reassert(), REASSERT_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Never throws: a worker starts, and keeps trying, while Redis is away. */
  private async reassert(): Promise<void> {
    try {
      await this.upsertAll();
      this.failures.succeeded();
    } catch (error) {
      this.failures.failed(error);
    }
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
