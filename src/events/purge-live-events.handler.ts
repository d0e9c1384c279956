import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../queues/job-handler';
import { JobName } from '../queues/jobs';

/** Live events are kept this long: a stream resumes from at most an hour back (REPLAY_WINDOW_MS). */
export const KEEP_LIVE_EVENTS_MS = 24 * 3600_000;
const BATCH = 5000;

/**
 * Drops live events older than a day (scheduled every ten minutes), a batch at a time so that no
 * statement holds many rows. Only live rows: webhook and inbox events stay. The stream heads stay
 * too, so numbers never repeat; a client that comes back with an id whose events are gone gets a
 * reset, as for any gap older than an hour.
 */
@Injectable()
@HandlesJob(JobName.PurgeLiveEvents)
export class PurgeLiveEventsHandler implements JobHandler<JobName.PurgeLiveEvents> {
  private readonly logger = new Logger(PurgeLiveEventsHandler.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async handle(): Promise<void> {
    let total = 0;
    for (;;) {
      const [, removed]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM outbox_events WHERE id IN (
           SELECT id FROM outbox_events WHERE live AND created_at < now() - $1 * interval '1 millisecond' ORDER BY created_at LIMIT $2)`,
        [KEEP_LIVE_EVENTS_MS, BATCH],
      );
      total += removed;
      if (removed < BATCH) break;
    }
    if (total > 0) this.logger.log({ removed: total }, 'live events older than a day purged');
  }
}
