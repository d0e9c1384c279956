import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENT = 'claimtrack:idempotent';

export interface IdempotentOptions {
  /** The response carries a secret (a token): keep it encrypted while it is remembered. */
  sensitive?: boolean;
}

/** A creating POST that honours `Idempotency-Key` (product.md, "Idempotency"). */
export const Idempotent = (options: IdempotentOptions = {}) => SetMetadata(IDEMPOTENT, options);
