import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { RepeatedFailure } from '../common/logging/repeated-failure';
import { withTimeout } from '../common/timeout';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { inTransaction } from '../database/transaction';
import { REDIS } from '../queues/queues.module';
import { LIVE_EVENT_COLUMNS, liveChannel, liveEventOf, type LiveEvent, type LiveEventRow } from './live-events';

/** One relay run at a time on the whole instance (pg_advisory_xact_lock). */
export const LIVE_RELAY_LOCK_ID = 727_002;
/** Live rows numbered and published per run. */
const BATCH = 1000;
/** The backstop: rows committed by a process that died before it relayed them. */
const SWEEP_EVERY_MS = 1000;
/**
 * Under load, a process starts a run at most this often, so that one run takes the rows of many
 * commits (at 100 commits/s: 40 runs, not 100). A kick after a quiet spell runs at once.
 */
const MIN_RUN_INTERVAL_MS = 25;
const PUBLISH_TIMEOUT_MS = 2000;

/**
 * Takes live rows from the outbox once they have committed, numbers them in their workspace's
 * stream and publishes them on Redis, where every API host's LiveHub takes them.
 *
 * The process that commits a live row kicks the relay right after COMMIT (EventLog); a sweep
 * every second catches rows whose process died first. Runs take turns through an advisory lock
 * and number only rows already committed, so within a workspace a higher `seq` is always
 * committed later: a reader that has seen `seq` n has missed nothing below n. Numbers are
 * given whether or not Redis answers; streams then catch up from PostgreSQL.
 */
@Injectable()
export class LiveRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveRelay.name);
  private readonly channel: string;
  private wanted = false;
  private running: Promise<void> | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  /** Numbering and publishing failures: logged at once, then at most once a minute. */
  private readonly relaying = new RepeatedFailure(this.logger, 'Relaying live events (the sweep retries)');
  private readonly sweeping = new RepeatedFailure(this.logger, 'Looking for live events to relay');
  private readonly publishing = new RepeatedFailure(this.logger, 'Publishing live events on Redis (streams catch up from PostgreSQL)');
  private lastRun = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = liveChannel(config.queuePrefix);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
    this.kick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Relays what has committed; many kicks during a run make one more run, not many. */
  kick(): void {
    this.wanted = true;
    if (!this.running && !this.stopped) this.running = this.drain();
  }

  /** Runs until a run finds less than a batch and nobody kicked meanwhile. */
  private async drain(): Promise<void> {
    try {
      while (this.wanted && !this.stopped) {
        const wait = this.lastRun + MIN_RUN_INTERVAL_MS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.stopped) break;
        this.wanted = false;
        if ((await this.relayOnce()) === BATCH) this.wanted = true;
      }
      this.relaying.succeeded();
    } catch (error) {
      this.relaying.failed(error);
    } finally {
      this.running = null;
    }
  }

  private async sweep(): Promise<void> {
    if (this.running || this.stopped) return;
    try {
      const rows: Array<{ pending: boolean }> = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM outbox_events WHERE live AND seq IS NULL) AS pending`,
      );
      this.sweeping.succeeded();
      if (rows[0]?.pending) this.kick();
    } catch (error) {
      this.sweeping.failed(error);
    }
  }

  /** Numbers up to BATCH committed live rows and publishes them; answers how many. */
  private async relayOnce(): Promise<number> {
    this.lastRun = Date.now();
    const events = await inTransaction(this.dataSource, async (tx) => {
      await tx.rows('SELECT pg_advisory_xact_lock($1)', [LIVE_RELAY_LOCK_ID]);
      // One statement, with a snapshot taken after the lock: rows numbered by the run before
      // are not taken again. Each workspace's rows get the numbers after its head, in `pos` order.
      const rows = await tx.rows<LiveEventRow>(
        `WITH pending AS (
           SELECT id, workspace_id, pos FROM outbox_events WHERE live AND seq IS NULL ORDER BY pos LIMIT $1 FOR UPDATE
         ), counted AS (
           SELECT workspace_id, count(*) AS n FROM pending GROUP BY workspace_id
         ), heads AS (
           INSERT INTO live_stream_heads AS h (workspace_id, last_seq) SELECT workspace_id, n FROM counted
           ON CONFLICT (workspace_id) DO UPDATE SET last_seq = h.last_seq + EXCLUDED.last_seq
           RETURNING workspace_id, last_seq
         ), numbered AS (
           SELECT p.id, heads.last_seq - counted.n + row_number() OVER (PARTITION BY p.workspace_id ORDER BY p.pos) AS seq
             FROM pending p JOIN counted USING (workspace_id) JOIN heads USING (workspace_id)
         )
         UPDATE outbox_events o SET seq = numbered.seq FROM numbered WHERE o.id = numbered.id
         RETURNING ${LIVE_EVENT_COLUMNS}`,
        [BATCH],
      );
      return rows.map(liveEventOf).sort(byWorkspaceAndSeq);
    });
    if (events.length > 0) await this.publish(events);
    return events.length;
  }

  private async publish(events: LiveEvent[]): Promise<void> {
    try {
      await withTimeout(this.redis.publish(this.channel, JSON.stringify(events)), PUBLISH_TIMEOUT_MS, 'Redis PUBLISH');
      this.publishing.succeeded();
    } catch (error) {
      // Numbered and committed: API hosts fill the gap from PostgreSQL, clients resume from it.
      this.publishing.failed(error, { events: events.length });
    }
  }
}

function byWorkspaceAndSeq(a: LiveEvent, b: LiveEvent): number {
  return a.workspaceId === b.workspaceId ? a.seq - b.seq : a.workspaceId < b.workspaceId ? -1 : 1;
}
