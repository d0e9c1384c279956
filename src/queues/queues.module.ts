import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JobQueue } from './job-queue.service';
import { ALL_QUEUES } from './jobs';
import { LocalWorkers } from './local-workers';
import { QueueMetrics } from './queue-metrics';
import { redisErrorReporter, redisOptions } from './redis';

/** A plain Redis client for health checks and rate limiting (not for BullMQ). */
export const REDIS = Symbol('REDIS');

/**
 * Redis for the whole app: BullMQ's shared connection settings, every queue, the typed
 * `JobQueue`, and a plain client. Default job settings follow BullMQ's production guide:
 * retries with exponential backoff, and finished jobs trimmed so Redis stays small.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.redisUrl),
        prefix: config.queuePrefix,
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 3600, count: 1000 },
          removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
        },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [
    JobQueue,
    QueueMetrics,
    LocalWorkers,
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const redis = new Redis({ ...redisOptions(config.redisUrl), maxRetriesPerRequest: 1 });
        const report = redisErrorReporter(new Logger('Redis'), 'Redis connection error');
        redis.on('error', (error: Error) => report(error));
        return redis;
      },
    },
  ],
  exports: [JobQueue, LocalWorkers, REDIS, BullModule],
})
export class QueuesModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
