import type { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** How long a worker may hold a delivery without renewing it before another may take it over. */
export const LEASE_SECONDS = 15;
/** The lease is renewed this often while its batch is being sent. */
const RENEW_EVERY_MS = (LEASE_SECONDS * 1000) / 3;
/** A send is not started this close to the lease's end: it could not be recorded in time. */
const SAFETY_MS = 2000;

/**
 * A worker's hold on the deliveries of one batch while it sends them.
 *
 * A batch can take longer than one lease to send (e-mails wait for one of a few SMTP
 * connections; a receiver is slow), so the lease is renewed every third of its length for the
 * rows not yet recorded, until the batch is done. Every renewal and every recording is fenced
 * by the lease's own expiry time (`lease_until`, kept to the millisecond so that it survives
 * the round trip through a JavaScript Date): a worker that stalled and lost its rows to the
 * sweep learns it, stops sending them and records nothing over their new holder's outcome.
 * A worker that dies stops renewing, and its rows go to the sweep once the lease runs out.
 */
export class DeliveryLease {
  private readonly held: Set<string>;
  private until: Date;
  /** When the lease runs out by this process's clock (its own clock, not the database's). */
  private deadline: number;
  private timer: NodeJS.Timeout | undefined;
  /** Renewals and recordings run one at a time, so each sees the lease's current expiry. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    ids: string[],
    until: Date,
    leasedAt: number,
  ) {
    this.held = new Set(ids);
    this.until = until;
    this.deadline = leasedAt + LEASE_SECONDS * 1000;
  }

  /** Starts renewing; `release` stops. */
  keep(): this {
    this.timer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.timer.unref();
    return this;
  }

  /** Whether a send of this delivery may start now: still held, with time left to record it. */
  mayStart(id: string): boolean {
    return this.held.has(id) && Date.now() < this.deadline - SAFETY_MS;
  }

  /**
   * Runs `record` with the lease's current expiry (its fence), between renewals, for the
   * deliveries still held; they are held no longer afterwards.
   */
  settle<T>(ids: string[], record: (held: string[], until: Date) => Promise<T>): Promise<T> {
    return this.exclusively(async () => {
      const held = ids.filter((id) => this.held.has(id));
      try {
        return await record(held, this.until);
      } finally {
        for (const id of held) this.held.delete(id);
      }
    });
  }

  release(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private renew(): Promise<void> {
    return this.exclusively(async () => {
      if (this.held.size === 0 || this.timer === undefined) return;
      const startedAt = Date.now();
      try {
        const rows: Array<{ id: string; lease_until: Date }> = await this.dataSource.query(
          // A SELECT around the UPDATE, so that the query answers its rows alone (TypeORM answers
          // a bare UPDATE … RETURNING as [rows, count]).
          `WITH renewed AS (
             UPDATE deliveries SET lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
              WHERE id = ANY($1::uuid[]) AND lease_until = $2 RETURNING id, lease_until)
           SELECT id, lease_until FROM renewed`,
          [[...this.held], this.until],
        );
        const renewed = new Set(rows.map((r) => r.id));
        const lost = [...this.held].filter((id) => !renewed.has(id));
        for (const id of lost) this.held.delete(id);
        if (lost.length > 0) this.logger.warn({ deliveryIds: lost }, 'lease on deliveries lost to another worker; they are not sent from here');
        if (rows.length > 0) {
          this.until = rows[0].lease_until;
          this.deadline = startedAt + LEASE_SECONDS * 1000;
        }
      } catch (error) {
        // The rows stay held until the deadline passes: no send starts after it.
        this.logger.warn({ err: error }, 'could not renew the lease on deliveries being sent');
      }
    });
  }

  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
