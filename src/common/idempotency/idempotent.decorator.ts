import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

export const IDEMPOTENT = 'claimtrack:idempotent';

export interface IdempotentOptions {
  /** The response carries a secret (a token): keep it encrypted while it is remembered. */
  sensitive?: boolean;
}

/**
 * A creating POST that honours `Idempotency-Key` (docs/api.md, "Idempotency"), and says so in
 * the OpenAPI document: every route documented with a 201 must carry it (test/idempotency).
 */
export const Idempotent = (options: IdempotentOptions = {}) =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Retry safely: the same key and body within 24 h answers the first response again and creates nothing',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    }),
  );
