import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { AppError } from '../common/http/app-error';
import type { LiveEvent } from '../events/live-events';
import type { LiveStore } from './live-store';
import { eventFrame } from './sse';

/** How far a client may fall behind before its stream is cut (it reconnects and resumes). */
export interface ClientLimits {
  /** Bytes written but not yet taken by the client's socket. */
  maxPendingBytes: number;
  /** Events held while the client catches up from PostgreSQL. */
  maxBuffered: number;
}

/** Events a feed fetches at most to fill a gap; further behind, its clients resume by themselves. */
const MAX_FILL = 1000;
/**
 * A feed writes to its clients at most once per this many ms: the events that came meanwhile go
 * out together, one write per client instead of one per event (at 100 events/s and 1,000
 * clients, 20,000 writes/s instead of 100,000). An event after a quiet spell goes out at once.
 */
export const COALESCE_MS = 50;

/** A live event ready to send: its frame encoded once for every client. */
export interface Outgoing {
  seq: number;
  userId: string | null;
  frame: Buffer;
}

/**
 * One open stream. Until it has caught up (`goLive`), live events are held in order; after,
 * each is written once, in `seq` order, if this client may see it.
 */
export class LiveClient {
  /** The last `seq` this client was given. */
  lastSent = 0;
  private held: Outgoing[] | null = [];
  private ended = false;

  constructor(
    readonly workspaceId: string,
    readonly userId: string,
    private readonly sink: ServerResponse,
    private readonly limits: ClientLimits,
    private readonly onEnd: (client: LiveClient) => void,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  sees(event: { userId: string | null }): boolean {
    return event.userId === null || event.userId === this.userId;
  }

  /**
   * Live events, in `seq` order (`all`: their frames as one buffer; `personal`: some are for one
   * user alone). Held while catching up; otherwise what this client may see and has not had
   * goes out in one write.
   */
  offer(batch: Outgoing[], all: Buffer, personal: boolean): void {
    if (this.ended) return;
    const visible = personal ? batch.filter((event) => this.sees(event)) : batch;
    if (this.held) {
      this.held.push(...visible);
      if (this.held.length > this.limits.maxBuffered) this.end(true);
      return;
    }
    this.send(visible, visible === batch ? all : null);
  }

  /** An event read back from PostgreSQL while catching up; resolves once the socket can take more. */
  async replay(seq: number, frame: string): Promise<void> {
    if (this.ended || seq <= this.lastSent) return;
    this.lastSent = seq;
    if (!this.sink.write(frame) && !this.ended) await Promise.race([once(this.sink, 'drain'), once(this.sink, 'close')]);
  }

  /** Caught up to `seq`: writes what was held since, then takes events as they come. */
  goLive(seq: number): void {
    if (this.ended || !this.held) return;
    this.lastSent = Math.max(this.lastSent, seq);
    const held = this.held;
    this.held = null;
    this.send(held, null);
  }

  /** Writes the events after `lastSent` in one write (`all`: the whole list's frames, when at hand). */
  private send(events: Outgoing[], all: Buffer | null): void {
    const fresh = events.length > 0 && events[0].seq > this.lastSent ? events : events.filter((event) => event.seq > this.lastSent);
    if (fresh.length === 0) return;
    this.lastSent = fresh[fresh.length - 1].seq;
    this.write(fresh === events && all ? all : fresh.length === 1 ? fresh[0].frame : Buffer.concat(fresh.map((event) => event.frame)));
  }

  /** Writes frames or a comment, unless the client has gone or fallen too far behind. */
  write(chunk: string | Buffer): void {
    if (this.ended || this.sink.destroyed || this.sink.writableEnded) return;
    this.sink.write(chunk);
    if (this.sink.writableLength > this.limits.maxPendingBytes) this.end(true);
  }

  /** Ends the stream (`abort`: at once, dropping what the client has not taken). */
  end(abort = false): void {
    if (this.ended) return;
    this.ended = true;
    this.held = null;
    if (abort) this.sink.destroy();
    else if (!this.sink.writableEnded && !this.sink.destroyed) this.sink.end();
    this.onEnd(this);
  }
}

/**
 * The clients of one workspace on this host, and the position of its stream as this host has
 * seen it. Everything that moves that position runs one task at a time, so events reach every
 * client in `seq` order; a gap (a publication lost between relay and Redis) is filled from
 * PostgreSQL before the events after it are sent.
 */
export class WorkspaceFeed {
  readonly clients = new Set<LiveClient>();
  /** The last `seq` sent to the clients (0 before the first). */
  lastSeq = 0;
  private joining = 0;
  private broken: unknown = null;
  private pending: Outgoing[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly workspaceId: string,
    private readonly store: LiveStore,
    private readonly onBroken: (feed: WorkspaceFeed, error: unknown) => void,
  ) {
    void this.serially(async () => {
      this.lastSeq = await this.store.head(workspaceId);
    }).catch(() => undefined);
  }

  /** No client, and none about to join: the hub may forget this feed. */
  get idle(): boolean {
    return this.clients.size === 0 && this.joining === 0;
  }

  get isBroken(): boolean {
    return this.broken !== null;
  }

  /** Adds a client; answers the stream position from which it receives live events. */
  async join(client: LiveClient): Promise<number> {
    this.joining++;
    try {
      return await this.serially(() => {
        this.clients.add(client);
        return this.lastSeq;
      });
    } finally {
      this.joining--;
    }
  }

  leave(client: LiveClient): void {
    this.clients.delete(client);
  }

  /** Events of this workspace from Redis, in `seq` order. */
  deliver(events: LiveEvent[]): void {
    void this.serially(async () => {
      if (events[0].seq > this.lastSeq + 1) await this.fill(events[0].seq - 1);
      for (const event of events) this.dispatch(event);
    }).catch(() => undefined);
  }

  /** The stream is known to have reached `seq` (anti-entropy): fetches what never arrived. */
  catchUpTo(seq: number): void {
    void this.serially(async () => {
      if (seq > this.lastSeq) await this.fill(seq);
    }).catch(() => undefined);
  }

  /** Ends every client: they reconnect and resume from PostgreSQL. */
  endAll(): void {
    this.close();
    for (const client of [...this.clients]) client.end();
  }

  /** The feed is no longer used: nothing more is written. */
  close(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.pending = [];
  }

  private async fill(upTo: number): Promise<void> {
    const missing = await this.store.range(this.workspaceId, this.lastSeq, upTo, MAX_FILL + 1);
    if (missing.length > MAX_FILL) throw new Error(`the feed is more than ${MAX_FILL} events behind`);
    for (const event of missing) this.dispatch(event);
  }

  private dispatch(event: LiveEvent): void {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    if (this.clients.size === 0) return;
    this.pending.push({ seq: event.seq, userId: event.userId, frame: Buffer.from(eventFrame(event)) });
    this.flushTimer ??= setTimeout(() => this.flush(), Math.max(0, this.lastFlush + COALESCE_MS - Date.now()));
  }

  private flush(): void {
    this.flushTimer = null;
    this.lastFlush = Date.now();
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const all = batch.length === 1 ? batch[0].frame : Buffer.concat(batch.map((event) => event.frame));
    const personal = batch.some((event) => event.userId !== null);
    for (const client of this.clients) client.offer(batch, all, personal);
  }

  /** Runs `task` after every task before it; a task that fails breaks the feed for good. */
  private serially<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      if (this.broken !== null)
        throw new AppError('UNAVAILABLE', 'Live events cannot be read from the database just now; retry shortly', {}, { 'retry-after': '5' });
      return task();
    });
    this.tail = run.catch((error: unknown) => {
      if (this.broken !== null) return;
      this.broken = error;
      this.onBroken(this, error);
    });
    return run;
  }
}
