import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { REDIS } from '../queues/queues.module';

/** The Redis channel on which API hosts hear that a credential ended. */
export function credentialsEndedChannel(queuePrefix: string): string {
  return `${queuePrefix}:credentials-ended`;
}

/**
 * Says, once the change is committed, that a credential ended: a sign-out, a revoked session, a
 * rotated token, a new password, a deactivated user. Every API host then checks its open live
 * streams at once (LiveHub), so that none goes on carrying the workspace's events to someone
 * who may no longer see them. Best effort: without Redis, the hosts' periodic check still ends
 * those streams within seconds.
 */
@Injectable()
export class CredentialsEnded {
  private readonly logger = new Logger(CredentialsEnded.name);
  private readonly channel: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.channel = credentialsEndedChannel(config.queuePrefix);
  }

  async announce(): Promise<void> {
    try {
      await this.redis.publish(this.channel, 'ended');
    } catch (error) {
      this.logger.warn({ err: error }, 'could not announce an ended credential; open streams end at their next check');
    }
  }
}
