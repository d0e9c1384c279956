import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { REDIS } from '../../queues/queues.module';
import { AppError } from './app-error';

/**
 * `RATE_LIMIT_PER_MINUTE` requests per token and minute, counted in Redis so that every API
 * host shares one budget. While Redis is down an in-process counter stands in: the API keeps
 * serving what only needs PostgreSQL.
 */
@Injectable()
export class RateLimiter {
  private readonly limiter: RateLimiterAbstract | null;
  private readonly logger = new Logger(RateLimiter.name);

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS) redis: Redis) {
    const points = config.rateLimitPerMinute;
    this.limiter =
      points === 0
        ? null
        : new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `${config.queuePrefix}:ratelimit`,
            points,
            duration: 60,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
          });
  }

  /** Counts one request for `key`; throws 429 RATE_LIMITED with Retry-After when over. */
  async consume(key: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new AppError(
          'RATE_LIMITED',
          `Rate limit of ${this.limiter.points} requests per minute reached; retry in ${seconds} s`,
          {},
          { 'retry-after': String(seconds) },
        );
      }
      // The limiter itself failed: let the request through rather than fail it.
      this.logger.warn({ err: rejection }, 'rate limiter unavailable');
    }
  }
}
