import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { Counter, Gauge, Registry } from 'prom-client';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import { RepeatedFailure } from '../common/logging/repeated-failure';
import { withTimeout } from '../common/timeout';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { liveChannel, type LiveEvent } from '../events/live-events';
import { redisOptions } from '../queues/redis';
import { credentialsEndedChannel } from '../accounts/credentials-ended';
import { LiveCredentials, type StreamCredential } from './credentials';
import { LiveClient, WorkspaceFeed, type ClientLimits } from './live-feed';
import { LiveStore } from './live-store';
import { HEARTBEAT_FRAME, eventFrame, openingFrame, resetFrame } from './sse';

/** A stream resumes what it missed within this time; an older gap gets a `reset`. */
export const REPLAY_WINDOW_MS = 3600_000;
const DEFAULT_HEARTBEAT_MS = 15_000;
/**
 * Revoked credentials and deactivated users: their streams end at once when the change is
 * announced on Redis (CredentialsEnded), and within this time when the announcement is missed.
 */
const RECHECK_EVERY_MS = 5_000;
/** What EventSource waits before reconnecting after the stream ends. */
const RETRY_MS = 2_000;
const REPLAY_PAGE = 500;
const PING_TIMEOUT_MS = 2_000;
const LIMITS: ClientLimits = { maxPendingBytes: 4 * 1024 * 1024, maxBuffered: 20_000 };
const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no', // nginx: pass each event on at once
};

interface OpenStream {
  client: LiveClient;
  credential: StreamCredential | null;
}

/**
 * Live events on this API host: one Redis subscription for the host (not one per client), the
 * open streams by workspace (WorkspaceFeed), the heartbeat, and resuming from PostgreSQL.
 * While Redis is unreachable no stream stays open and none can be opened (503): clients
 * reconnect with Last-Event-ID when it is back and get what they missed.
 */
@Injectable()
export class LiveHub implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveHub.name);
  private readonly feeds = new Map<string, WorkspaceFeed>();
  private readonly streams = new Map<LiveClient, OpenStream>();
  private readonly channel: string;
  /** Where a host hears that a credential ended: its streams are checked at once, not at the next round. */
  private readonly credentialsChannel: string;
  private checking: Promise<void> | null = null;
  private checkAgain = false;
  private readonly heartbeatMs: number;
  private subscriber: Redis | null = null;
  private subscribed = false;
  private closing = false;
  private timers: NodeJS.Timeout[] = [];
  /** Each feed's stream head as read at the last heartbeat (anti-entropy). */
  private seenHeads = new Map<string, number>();
  private readonly received: Counter;
  /** Each thing that may fail over and over: logged at once, then at most once a minute. */
  private readonly redisFailures = new RepeatedFailure(this.logger, 'The live events subscription to Redis (streams end until it is back)');
  private readonly feedFailures = new RepeatedFailure(this.logger, "Reading a workspace's live events from PostgreSQL (its streams end and resume)");
  private readonly headFailures = new RepeatedFailure(this.logger, 'Reading the live stream heads');
  private readonly credentialFailures = new RepeatedFailure(this.logger, "Checking open streams' credentials");

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: LiveStore,
    private readonly credentials: LiveCredentials,
    registry: Registry,
  ) {
    this.channel = liveChannel(config.queuePrefix);
    this.credentialsChannel = credentialsEndedChannel(config.queuePrefix);
    this.heartbeatMs = config.liveHeartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    const streams = this.streams;
    new Gauge({
      name: 'claimtrack_live_streams',
      help: 'Open live event streams (GET /v1/events) on this host',
      registers: [registry],
      collect() {
        this.set(streams.size);
      },
    });
    this.received = new Counter({ name: 'claimtrack_live_events_received_total', help: 'Live events this host took from Redis', registers: [registry] });
  }

  onApplicationBootstrap(): void {
    const subscriber = new Redis({ ...redisOptions(this.config.redisUrl), autoResubscribe: false, lazyConnect: true, maxRetriesPerRequest: 1 });
    this.subscriber = subscriber;
    subscriber.on('ready', () => void this.subscribe());
    subscriber.on('close', () => this.redisLost());
    subscriber.on('error', (error: Error) => this.redisFailures.failed(error));
    subscriber.on('message', (channel: string, message: string) => (channel === this.credentialsChannel ? void this.recheck() : this.onMessage(message)));
    subscriber.connect().catch(() => undefined); // retried by ioredis; streams open once subscribed
    this.timers.push(setInterval(() => this.heartbeat(), this.heartbeatMs));
    this.timers.push(setInterval(() => void this.recheck(), Math.min(RECHECK_EVERY_MS, this.heartbeatMs)));
    for (const timer of this.timers) timer.unref();
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const { client } of [...this.streams.values()]) client.end();
    this.subscriber?.disconnect();
  }

  /** How many streams are open on this host. */
  get size(): number {
    return this.streams.size;
  }

  /**
   * Opens the caller's stream on `reply`. Fails with a problem (503) only before anything was
   * written; after, a failure ends the stream and the client resumes.
   */
  async open(actor: Actor, request: FastifyRequest, reply: FastifyReply, lastEventId: number | 'invalid' | undefined): Promise<void> {
    if (!this.subscribed || this.closing) throw unavailable();
    if (request.method === 'HEAD') {
      // Fastify answers HEAD with the GET route: the headers of a stream, and no stream.
      await reply.code(200).headers(STREAM_HEADERS).send();
      return;
    }
    const feed = this.feedFor(actor.workspaceId);
    const client = new LiveClient(actor.workspaceId, actor.userId, reply.raw, LIMITS, (ended) => this.forget(ended));
    let from: number;
    try {
      from = await feed.join(client);
    } finally {
      this.dropIfIdle(feed);
    }
    this.streams.set(client, { client, credential: this.credentials.of(request, actor) });
    if (!this.subscribed || this.closing) {
      client.end();
      throw unavailable();
    }
    reply.hijack();
    if (request.raw.destroyed || reply.raw.destroyed) {
      client.end(); // the client left while its stream was being opened
      return;
    }

    const headers = Object.fromEntries(Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined)) as Record<string, string>;
    reply.raw.writeHead(200, { ...headers, ...STREAM_HEADERS, connection: 'keep-alive' });
    request.raw.socket.setNoDelay(true);
    request.raw.socket.setTimeout(0);
    reply.raw.on('close', () => client.end());
    client.write(openingFrame(RETRY_MS));

    if (lastEventId === undefined) client.goLive(from);
    else void this.resume(client, lastEventId, from).catch(() => client.end());
  }

  /** Sends what the client missed after `lastEventId` (up to `upTo`, where live events take over), or a reset. */
  private async resume(client: LiveClient, lastEventId: number | 'invalid', upTo: number): Promise<void> {
    if (lastEventId !== 'invalid' && lastEventId === upTo) return client.goLive(upTo);
    let resumable = false;
    if (lastEventId !== 'invalid' && lastEventId < upTo) {
      const first = await this.store.firstAfter(client.workspaceId, lastEventId);
      resumable = first !== null && first.seq === lastEventId + 1 && first.at.getTime() >= Date.now() - REPLAY_WINDOW_MS;
    }
    if (!resumable) {
      client.write(resetFrame(upTo, new Date()));
      return client.goLive(upTo);
    }
    for (let after = lastEventId as number; after < upTo && !client.isEnded;) {
      const page = await this.store.range(client.workspaceId, after, upTo, REPLAY_PAGE, client.userId);
      for (const event of page) await client.replay(event.seq, eventFrame(event));
      if (page.length < REPLAY_PAGE) break;
      after = page[page.length - 1].seq;
    }
    client.goLive(upTo);
  }

  private feedFor(workspaceId: string): WorkspaceFeed {
    let feed = this.feeds.get(workspaceId);
    if (!feed || feed.isBroken) {
      feed = new WorkspaceFeed(workspaceId, this.store, (broken, error) => {
        this.feedFailures.failed(error, { workspaceId });
        if (this.feeds.get(broken.workspaceId) === broken) this.feeds.delete(broken.workspaceId);
        broken.endAll();
      });
      this.feeds.set(workspaceId, feed);
    }
    return feed;
  }

  private forget(client: LiveClient): void {
    this.streams.delete(client);
    const feed = this.feeds.get(client.workspaceId);
    if (!feed) return;
    feed.leave(client);
    this.dropIfIdle(feed);
  }

  private dropIfIdle(feed: WorkspaceFeed): void {
    if (feed.idle && this.feeds.get(feed.workspaceId) === feed) {
      feed.close();
      this.feeds.delete(feed.workspaceId);
      this.seenHeads.delete(feed.workspaceId);
    }
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber!.subscribe(this.channel, this.credentialsChannel);
      this.subscribed = !this.closing;
      this.redisFailures.succeeded();
    } catch (error) {
      this.redisFailures.failed(error);
    }
  }

  /** Redis gone: the streams end (docs/api.md, "Live events"); their clients reconnect and resume. */
  private redisLost(): void {
    const wasSubscribed = this.subscribed;
    this.subscribed = false;
    if (!wasSubscribed && this.streams.size === 0) return;
    for (const feed of [...this.feeds.values()]) feed.endAll();
    this.feeds.clear();
    this.seenHeads.clear();
  }

  private onMessage(message: string): void {
    let events: LiveEvent[];
    try {
      events = JSON.parse(message) as LiveEvent[];
    } catch {
      return;
    }
    this.received.inc(events.length);
    const byWorkspace = new Map<string, LiveEvent[]>();
    for (const event of events) {
      if (!this.feeds.has(event.workspaceId)) continue;
      const list = byWorkspace.get(event.workspaceId);
      if (list) list.push(event);
      else byWorkspace.set(event.workspaceId, [event]);
    }
    for (const [workspaceId, list] of byWorkspace) this.feeds.get(workspaceId)!.deliver(list.sort((a, b) => a.seq - b.seq));
  }

  /**
   * Every heartbeat: a comment line on every stream; a PING on the subscription (a connection
   * that no longer answers is dropped, which ends the streams); and each feed compared with its
   * workspace's stream head read one heartbeat earlier, so that an event whose publication was
   * lost still arrives.
   */
  private heartbeat(): void {
    for (const { client } of this.streams.values()) client.write(HEARTBEAT_FRAME);
    if (this.subscribed && this.subscriber) {
      const subscriber = this.subscriber;
      withTimeout(subscriber.ping(), PING_TIMEOUT_MS, 'Redis PING').catch(() => subscriber.disconnect(true));
    }
    void this.antiEntropy();
  }

  private async antiEntropy(): Promise<void> {
    for (const [workspaceId, seq] of this.seenHeads) this.feeds.get(workspaceId)?.catchUpTo(seq);
    if (this.feeds.size === 0) return;
    try {
      this.seenHeads = await this.store.heads([...this.feeds.keys()]);
      this.headFailures.succeeded();
    } catch (error) {
      this.headFailures.failed(error);
    }
  }

  /** One round of checks at a time; asked for during one, another round follows it. */
  private recheck(): Promise<void> {
    if (this.checking) {
      this.checkAgain = true;
      return this.checking;
    }
    this.checking = (async () => {
      do {
        this.checkAgain = false;
        await this.checkCredentials();
      } while (this.checkAgain);
    })().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /** Ends the streams whose credential no longer holds; one check per credential. */
  private async checkCredentials(): Promise<void> {
    const byKey = new Map<string, { credential: StreamCredential; clients: LiveClient[] }>();
    for (const { client, credential } of this.streams.values()) {
      if (!credential) continue;
      const entry = byKey.get(credential.key);
      if (entry) entry.clients.push(client);
      else byKey.set(credential.key, { credential, clients: [client] });
    }
    for (const { credential, clients } of byKey.values()) {
      try {
        if (!(await credential.stillValid())) for (const client of clients) client.end();
      } catch (error) {
        this.credentialFailures.failed(error);
        return;
      }
    }
    this.credentialFailures.succeeded();
  }
}

function unavailable(): AppError {
  return new AppError('UNAVAILABLE', 'Live events are unavailable while Redis is unreachable; retry shortly', {}, { 'retry-after': '5' });
}
