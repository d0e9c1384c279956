import { Global, Module } from '@nestjs/common';
import { SecretBox } from './crypto/secret-box';
import { ProblemsController } from './http/problems.controller';
import { RateLimiter } from './http/rate-limiter';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { InstanceKey } from './crypto/instance-key.entity';
import { IdempotencyKey } from './idempotency/idempotency-key.entity';

export const COMMON_ENTITIES = [IdempotencyKey, InstanceKey];

/** The HTTP conventions every route shares (docs/api.md, "Conventions"). */
@Global()
@Module({
  controllers: [ProblemsController],
  providers: [SecretBox, RateLimiter, IdempotencyStore, IdempotencyInterceptor],
  exports: [SecretBox, RateLimiter, IdempotencyStore, IdempotencyInterceptor],
})
export class CommonModule {}
