import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { AppError } from '../common/http/app-error';
import { REDIS } from '../queues/queues.module';

const WINDOW_SECONDS = 15 * 60;
/** Failed sign-ins allowed per e-mail address and per client address in WINDOW_SECONDS. */
export const FAILURES_PER_EMAIL = 10;
export const FAILURES_PER_ADDRESS = 50;

/**
 * Brute force throttled: failures are counted in Redis (so the limit holds across API hosts)
 * per e-mail address and per client address; past the limit every attempt is 429, even one
 * with the right password, until the window has passed.
 */
@Injectable()
export class SignInThrottle {
  private readonly byEmail: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;
  private readonly logger = new Logger(SignInThrottle.name);

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS) redis: Redis) {
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.queuePrefix}:signin:${name}`,
        points,
        duration: WINDOW_SECONDS,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
      });
    this.byEmail = limiter('email', FAILURES_PER_EMAIL);
    this.byAddress = limiter('address', FAILURES_PER_ADDRESS);
  }

  /** 429 RATE_LIMITED with Retry-After when either budget of failures is spent. */
  async check(email: string | null, address: string): Promise<void> {
    const checks: Array<[RateLimiterAbstract, string]> = [[this.byAddress, address]];
    if (email) checks.push([this.byEmail, email.toLowerCase()]);
    for (const [limiter, key] of checks) {
      const used = await limiter.get(key).catch((error: unknown) => this.unavailable(error));
      if (used && used.consumedPoints >= limiter.points) {
        const seconds = Math.max(1, Math.ceil(used.msBeforeNext / 1000));
        throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${seconds} s`, {}, { 'retry-after': String(seconds) });
      }
    }
  }

  /** Counts one failed sign-in against both budgets. */
  async failed(email: string | null, address: string): Promise<void> {
    const counts = [this.byAddress.penalty(address)];
    if (email) counts.push(this.byEmail.penalty(email.toLowerCase()));
    await Promise.all(counts).catch((error: unknown) => this.unavailable(error));
  }

  private unavailable(error: unknown): null {
    this.logger.warn({ err: error }, 'sign-in throttle: Redis unavailable, counting in this process');
    return null;
  }
}
