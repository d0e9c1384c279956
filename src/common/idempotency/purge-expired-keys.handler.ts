import { Injectable, Logger } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../queues/job-handler';
import { JobName } from '../../queues/jobs';
import { IdempotencyStore } from './idempotency.store';

/** Drops idempotency keys older than 24 hours (scheduled every ten minutes). */
@Injectable()
@HandlesJob(JobName.PurgeIdempotencyKeys)
export class PurgeExpiredKeysHandler implements JobHandler<JobName.PurgeIdempotencyKeys> {
  private readonly logger = new Logger(PurgeExpiredKeysHandler.name);

  constructor(private readonly store: IdempotencyStore) {}

  async handle(): Promise<void> {
    let total = 0;
    for (let removed = await this.store.purgeExpired(); removed > 0; removed = await this.store.purgeExpired()) total += removed;
    if (total > 0) this.logger.log({ removed: total }, 'expired idempotency keys purged');
  }
}
