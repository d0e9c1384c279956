import type { RedisOptions } from 'bullmq';

/**
 * Connection options from `REDIS_URL`. Producers (the API, and workers when they enqueue)
 * fail fast while Redis is down instead of queueing commands offline: a request must answer
 * within seconds, and PostgreSQL plus the sweep make up for a lost enqueue.
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
