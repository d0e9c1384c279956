import type { Logger } from '@nestjs/common';

/** A failure that repeats (every scrape, every tick) is written at most this often. */
export const REPEATED_FAILURE_LOG_INTERVAL_MS = 60_000;

/**
 * The log of one thing that may fail over and over (a metric read on every scrape, a schedule
 * re-asserted every few seconds): the first failure is logged at once, then at most one line
 * per interval with how many failures it stands for; the first success after failures says so.
 * Nothing is swallowed, and an outage does not flood the log.
 */
export class RepeatedFailure {
  private loggedAt = Number.NEGATIVE_INFINITY;
  /** Failures since the last line. */
  private unlogged = 0;
  private failing = false;

  constructor(
    private readonly logger: Pick<Logger, 'warn' | 'error' | 'log'>,
    /** What failed, as the start of a sentence: "reading delivery counts". */
    private readonly what: string,
    private readonly options: { level?: 'warn' | 'error'; intervalMs?: number; now?: () => number } = {},
  ) {}

  failed(error: unknown, context: Record<string, unknown> = {}): void {
    this.failing = true;
    this.unlogged++;
    const now = (this.options.now ?? Date.now)();
    if (now - this.loggedAt < (this.options.intervalMs ?? REPEATED_FAILURE_LOG_INTERVAL_MS)) return;
    this.logger[this.options.level ?? 'warn']({ err: error, ...context, failures: this.unlogged }, `${this.what} failed`);
    this.loggedAt = now;
    this.unlogged = 0;
  }

  succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log({ unloggedFailures: this.unlogged }, `${this.what} works again`);
    this.loggedAt = Number.NEGATIVE_INFINITY;
    this.unlogged = 0;
  }
}
