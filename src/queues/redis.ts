import type { Logger } from '@nestjs/common';
import type { RedisOptions } from 'bullmq';

/**
 * Connection options from `REDIS_URL` for producers (queues, the plain client): they fail fast
 * while Redis is down instead of queueing commands offline. A request must answer within
 * seconds, and PostgreSQL plus the sweeps make up for a lost enqueue.
 */
export function redisOptions(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(200 * times, 2000),
  };
}

/**
 * Connection options for BullMQ workers: the opposite of producers (BullMQ's production
 * guide). A worker waits out an outage: its commands queue until Redis is back, so that taking
 * a job, finishing it and chaining a job scheduler's next run are never abandoned half-way.
 */
export function workerRedisOptions(redisUrl: string): RedisOptions {
  return { ...redisOptions(redisUrl), enableOfflineQueue: true, maxRetriesPerRequest: null };
}

/**
 * A reporter for Redis connection errors: while Redis is away they repeat every few hundred
 * milliseconds, so it writes at most one line per ten seconds. Also keeps BullMQ, which prints
 * errors nobody listens to, off the console.
 */
export function redisErrorReporter(logger: Logger, message: string): (error: Error, context?: Record<string, unknown>) => void {
  let lastReport = 0;
  return (error, context = {}) => {
    if (Date.now() - lastReport < 10_000) return;
    lastReport = Date.now();
    logger.warn({ ...context, err: error.message }, message);
  };
}
