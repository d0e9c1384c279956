/** The longest wait between two delivery attempts. */
export const MAX_BACKOFF_MS = 6 * 3600_000;

/**
 * Wait before the next attempt after `attemptsMade` failed ones: exponential from `baseMs`
 * (base, 2×base, 4×base…), with "equal jitter" (between half and all of it) so that receivers
 * that failed together are not retried together.
 */
export function backoffMs(baseMs: number, attemptsMade: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
