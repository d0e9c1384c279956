import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CommentsModule } from './comments/comments.module';
import { DigestsModule } from './digests/digests.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RemindersModule } from './reminders/reminders.module';
import { PurgeExpiredKeysHandler } from './common/idempotency/purge-expired-keys.handler';
import { PurgeLiveEventsHandler } from './events/purge-live-events.handler';
import { JobRegistry } from './queues/job-registry';
import { JobSchedules } from './queues/job-schedules';
import { QueueWorkers } from './queues/queue-workers';

/**
 * The queue workers: one BullMQ worker per queue, the job handlers they dispatch to (provided
 * by the domain modules imported here), and the recurring schedules. Imported by the API
 * process with `APP_ROLE=all`, or run alone by src/worker.ts with `APP_ROLE=worker`.
 */
@Module({
  imports: [DiscoveryModule, RemindersModule, NotificationsModule, DigestsModule, CommentsModule],
  providers: [JobRegistry, JobSchedules, QueueWorkers, PurgeExpiredKeysHandler, PurgeLiveEventsHandler],
})
export class WorkerModule {}
