import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { LiveEvent } from '../events/live-events';
import { COALESCE_MS, LiveClient, WorkspaceFeed } from './live-feed';
import type { LiveStore } from './live-store';

/** What a client's socket was given, write by write. */
class Sink extends EventEmitter {
  writes: string[] = [];
  writableLength = 0;
  destroyed = false;
  writableEnded = false;
  write(chunk: string | Buffer): boolean {
    this.writes.push(chunk.toString());
    return true;
  }
  end(): void {
    this.writableEnded = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

const event = (seq: number, userId: string | null = null): LiveEvent => ({
  workspaceId: 'w',
  seq,
  userId,
  type: 'claim.updated',
  at: '2026-01-01T00:00:00.000Z',
  claimId: null,
  data: { n: seq },
});
const ids = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

function setUp(head = 0, stored: LiveEvent[] = []) {
  const store = {
    head: jest.fn(() => Promise.resolve(head)),
    range: jest.fn((_w: string, after: number, upTo: number) => Promise.resolve(stored.filter((e) => e.seq > after && e.seq <= upTo))),
  };
  const feed = new WorkspaceFeed('w', store as unknown as LiveStore, () => undefined);
  const client = (userId: string, limits = { maxPendingBytes: 1e6, maxBuffered: 100 }) => {
    const sink = new Sink();
    const c = new LiveClient('w', userId, sink as unknown as ServerResponse, limits, (ended) => feed.leave(ended));
    return { sink, client: c };
  };
  return { store, feed, client };
}

const settle = async (ms = 0) => {
  await jest.advanceTimersByTimeAsync(ms);
};

describe('WorkspaceFeed', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('sends an event after a quiet spell at once, and what comes within 50 ms after it in one write', async () => {
    const { feed, client } = setUp();
    const a = client('u1');
    a.client.goLive(await feed.join(a.client));
    feed.deliver([event(1)]);
    await settle(1);
    expect(a.sink.writes.map(ids)).toEqual([[1]]);
    feed.deliver([event(2)]);
    feed.deliver([event(3), event(4)]);
    await settle(COALESCE_MS - 10);
    expect(a.sink.writes).toHaveLength(1);
    await settle(10);
    expect(a.sink.writes.map(ids)).toEqual([[1], [2, 3, 4]]);
  });

  it("gives a user's own event to that user's clients alone", async () => {
    const { feed, client } = setUp();
    const mine = client('u1');
    const theirs = client('u2');
    for (const c of [mine, theirs]) c.client.goLive(await feed.join(c.client));
    feed.deliver([event(1), event(2, 'u1'), event(3)]);
    await settle(1);
    expect(ids(mine.sink.writes.join(''))).toEqual([1, 2, 3]);
    expect(ids(theirs.sink.writes.join(''))).toEqual([1, 3]);
  });

  it('holds events for a client catching up and sends only those after what it caught up to', async () => {
    const { feed, client } = setUp(5);
    const late = client('u1');
    expect(await feed.join(late.client)).toBe(5);
    feed.deliver([event(6), event(7)]);
    await settle(1);
    expect(late.sink.writes).toEqual([]);
    await late.client.replay(6, 'id: 6\n\n'); // read back from PostgreSQL meanwhile
    late.client.goLive(5);
    expect(late.sink.writes.map(ids)).toEqual([[6], [7]]);
  });

  it('fills a gap from PostgreSQL before the events after it, and drops what it already sent', async () => {
    const { feed, client, store } = setUp(1, [event(2), event(3)]);
    const a = client('u1');
    a.client.goLive(await feed.join(a.client));
    feed.deliver([event(4)]);
    await settle(1);
    expect(store.range).toHaveBeenCalledWith('w', 1, 3, expect.any(Number));
    feed.deliver([event(3), event(4), event(5)]); // the lost publication after all, and one more
    await settle(COALESCE_MS);
    expect(ids(a.sink.writes.join(''))).toEqual([2, 3, 4, 5]);
  });

  it('cuts a client that does not read', async () => {
    const { feed, client } = setUp();
    const slow = client('u1', { maxPendingBytes: 100, maxBuffered: 100 });
    slow.client.goLive(await feed.join(slow.client));
    slow.sink.writableLength = 101;
    feed.deliver([event(1)]);
    await settle(1);
    expect(slow.sink.destroyed).toBe(true);
    expect(feed.clients.size).toBe(0);
  });
});
