import { Client } from 'pg';
import { LiveHub } from '../src/live/live-hub';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim, inDays, transition } from './support/claims';
import { createTestDatabase, type TestDatabase } from './support/databases';
import { expectProblem, HttpClient } from './support/http';
import { REDIS_PORT } from './support/services';
import { SseStream, type SseMessage } from './support/sse';
import { TcpProxy } from './support/tcp-proxy';
import { sleep, waitFor } from './support/wait';

/** Short, so that heartbeats and credential checks can be watched. */
const HEARTBEAT_MS = 300;

const ids = (messages: SseMessage[]) => messages.map((m) => Number(m.id));
const claimIdsOf = (messages: SseMessage[]) => messages.map((m) => m.json?.claimId).filter(Boolean);

/** Every id greater than the one before: ordered, no repeats. */
function expectIncreasing(messages: SseMessage[]): void {
  const list = ids(messages);
  list.forEach((id, i) => {
    expect(Number.isInteger(id)).toBe(true);
    if (i > 0) expect(id).toBeGreaterThan(list[i - 1]);
  });
}

/** Opens streams, and closes every one of them after the test. */
function streams() {
  const open: SseStream[] = [];
  return {
    async open(client: HttpClient, options?: Parameters<typeof SseStream.open>[1]): Promise<SseStream> {
      const stream = await SseStream.open(client, options);
      open.push(stream);
      return stream;
    },
    async closeAll(): Promise<void> {
      await Promise.all(open.splice(0).map((s) => s.close()));
    },
  };
}

/** Another API host of the same instance: same database, Redis prefix and ADMIN_TOKEN. */
function sameInstance(t: TestApp, overrides: Partial<TestApp['config']>): Partial<TestApp['config']> {
  return { queuePrefix: t.config.queuePrefix, adminToken: t.config.adminToken, ...overrides };
}

describe('live events (GET /v1/events)', () => {
  let t: TestApp;
  let db: Client;
  const sse = streams();

  beforeAll(async () => {
    t = await startApp({ liveHeartbeatMs: HEARTBEAT_MS });
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterEach(() => sse.closeAll());
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('answers an unbuffered text/event-stream at once, with a retry delay, and a comment line every heartbeat', async () => {
    const desk = await createDesk(t, 'basics');
    const started = Date.now();
    const stream = await sse.open(desk.checker);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(stream.headers.get('content-length')).toBeNull();
    // The first bytes come before any event: nothing holds the response back.
    await waitFor(() => stream.comments.length > 0, { timeoutMs: 1000, what: 'the opening comment' });
    expect(stream.comments[0].receivedAt - started).toBeLessThan(1000);
    expect(stream.retry).toBe(2000);

    const before = stream.comments.length;
    await sleep(HEARTBEAT_MS * 4 + 100);
    const heartbeats = stream.comments.slice(before);
    expect(heartbeats.length).toBeGreaterThanOrEqual(3);
    expect(heartbeats.every((c) => c.text === 'keep-alive')).toBe(true);
    expect(stream.messages).toEqual([]);
  });

  it('refuses a missing credential (401), a bad query (400) and an unknown parameter (400) as problem details', async () => {
    const anonymous = await SseStream.open(t.http);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(anonymous.body)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

    const desk = await createDesk(t, 'refusals');
    expectProblem(await desk.checker.get('/v1/events?lastEventId=abc'), 400, 'VALIDATION_FAILED');
    expectProblem(await desk.checker.get('/v1/events?since=1'), 400, 'VALIDATION_FAILED');
    expectProblem(await desk.checker.post('/v1/events', {}), 405, 'METHOD_NOT_ALLOWED');
    // HEAD answers the stream's headers and ends: no stream is kept open for it.
    const streamsBefore = t.app.get(LiveHub).size;
    const head = await fetch(`${t.http.baseUrl}/v1/events`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${desk.checker.defaultToken}` },
      signal: AbortSignal.timeout(3000),
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await sleep(200);
    expect(t.app.get(LiveHub).size).toBe(streamsBefore);
  });

  it('carries every change of a claim, evidence and reminders, after commit, in the order of the timeline', async () => {
    const desk = await createDesk(t, 'types');
    const stream = await sse.open(desk.editor);
    await waitFor(() => stream.comments.length > 0, { what: 'the stream to open' });

    const { body: claim } = await createClaim(desk.checker, { dueAt: inDays(3) }); // claim.created, reminder.scheduled (deadline)
    const etag = (await desk.checker.get(`/v1/claims/${claim.id}`)).headers.get('etag')!;
    expect((await desk.checker.patch(`/v1/claims/${claim.id}`, { priority: 'high' }, { headers: { 'if-match': etag } })).status).toBe(200);
    expect((await transition(desk.checker, claim.id, { to: 'in_research' })).status).toBe(200);
    const evidence = await desk.checker.post(`/v1/claims/${claim.id}/evidence`, { description: 'Budget documents', stance: 'supports' });
    expect((await desk.checker.delete(`/v1/claims/${claim.id}/evidence/${evidence.body.id}`)).status).toBe(204);
    const reminder = await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Ask the Treasury', in: 'P2D' });
    expect((await desk.checker.delete(`/v1/reminders/${reminder.body.id}`)).status).toBe(204);

    const expected = [
      'claim.created',
      'reminder.scheduled',
      'claim.updated',
      'claim.transitioned',
      'evidence.added',
      'evidence.removed',
      'reminder.scheduled',
      'reminder.cancelled',
    ];
    await stream.waitFor((m) => m.length >= expected.length, { what: 'eight events' });
    await sleep(300);
    const events = stream.messages;
    expect(events.map((m) => m.event)).toEqual(expected);
    expectIncreasing(events);
    for (const message of events) {
      expect(message.json).toEqual({ type: message.event, at: expect.any(String), claimId: claim.id, data: expect.any(Object) });
      expect(new Date(message.json.at).toISOString()).toBe(message.json.at);
      expect(message.json.data.actor).toEqual({ id: desk.checker.userId, name: 'Chebet' });
    }
    // The data is the timeline's: the stream and GET …/history tell the same story.
    const history = (await desk.checker.get(`/v1/claims/${claim.id}/history`)).body.items;
    expect(history.map((h: { type: string }) => h.type)).toEqual(expected);
    history.forEach((entry: { at: string; data: Record<string, unknown> }, i: number) => {
      expect(events[i].json.data).toEqual({ ...entry.data, actor: { id: desk.checker.userId, name: 'Chebet' } });
      expect(events[i].json.at).toBe(entry.at);
    });
    expect(events[2].json.data).toMatchObject({ fields: ['priority'], before: { priority: 'normal' }, after: { priority: 'high' } });
    expect(events[3].json.data).toMatchObject({ from: 'submitted', to: 'in_research' });
  });

  it('sends a notification to its own user alone', async () => {
    const desk = await createDesk(t, 'inbox');
    const checker = await sse.open(desk.checker);
    const editor = await sse.open(desk.editor);
    const { body: claim } = await createClaim(desk.checker, { assigneeId: desk.checker.userId });
    const { body: reminder } = await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Call the ministry', in: 'PT1S' });

    await checker.waitFor((m) => m.some((x) => x.event === 'notification.created'), { timeoutMs: 8000, what: 'notification.created' });
    const [notification] = checker.of('notification.created');
    const [inbox] = (await desk.checker.get('/v1/me/notifications')).body.items;
    expect(notification.json).toEqual({ type: 'notification.created', at: expect.any(String), claimId: claim.id, data: inbox });
    expect(inbox).toMatchObject({ type: 'reminder.due', claimId: claim.id, reminderId: reminder.id, message: 'Call the ministry' });

    await sleep(500);
    expect(editor.of('reminder.scheduled')).toHaveLength(1); // the editor's stream works…
    expect(editor.of('notification.created')).toEqual([]); // …and carries no one else's notification
    expectIncreasing(checker.messages);
  });

  it('keeps two workspaces writing at once apart, and every notification with its own user', async () => {
    const [a, b] = await Promise.all([createDesk(t, 'alpha'), createDesk(t, 'beta')]);
    const watchers = await Promise.all([a.editor, a.checker, b.editor, b.checker].map((client) => sse.open(client)));
    const [aEditor, aChecker, bEditor, bChecker] = watchers;
    const write = async (desk: Desk, label: string) => {
      const claims = await Promise.all(
        Array.from({ length: 25 }, (_, i) => createClaim(i % 2 ? desk.checker : desk.editor, { text: `${label} claim ${i}`, assigneeId: desk.checker.userId })),
      );
      await Promise.all(claims.slice(0, 3).map(({ body }) => desk.editor.post(`/v1/claims/${body.id}/reminders`, { message: `${label} due`, in: 'PT1S' })));
      return claims.map(({ body }) => body.id as string);
    };
    const [aClaims, bClaims] = await Promise.all([write(a, 'alpha'), write(b, 'beta')]);

    const complete = (claims: string[], notified: boolean) => (m: SseMessage[]) =>
      claims.every((id) => m.some((x) => x.event === 'claim.created' && x.json.claimId === id)) &&
      (!notified || m.filter((x) => x.event === 'notification.created').length === 3);
    await Promise.all([
      aEditor.waitFor(complete(aClaims, false), { timeoutMs: 8000 }),
      aChecker.waitFor(complete(aClaims, true), { timeoutMs: 8000 }),
      bEditor.waitFor(complete(bClaims, false), { timeoutMs: 8000 }),
      bChecker.waitFor(complete(bClaims, true), { timeoutMs: 8000 }),
    ]);
    await sleep(500);

    for (const [stream, own, other] of [
      [aEditor, aClaims, bClaims],
      [aChecker, aClaims, bClaims],
      [bEditor, bClaims, aClaims],
      [bChecker, bClaims, aClaims],
    ] as const) {
      expect(claimIdsOf(stream.messages).every((id) => own.includes(id))).toBe(true);
      expect(claimIdsOf(stream.messages).some((id) => other.includes(id))).toBe(false);
      expect(stream.messages.some((m) => /alpha|beta/.test(m.data) && !m.data.includes(own === aClaims ? 'alpha' : 'beta'))).toBe(false);
      expectIncreasing(stream.messages);
    }
    // Notifications: each checker's are its own inbox entries; the editors got none.
    for (const [stream, client] of [
      [aChecker, a.checker],
      [bChecker, b.checker],
    ] as const) {
      const inbox = (await client.get('/v1/me/notifications')).body.items.map((n: { id: string }) => n.id).sort();
      expect(
        stream
          .of('notification.created')
          .map((m) => m.json.data.id)
          .sort(),
      ).toEqual(inbox);
    }
    expect(aEditor.of('notification.created')).toEqual([]);
    expect(bEditor.of('notification.created')).toEqual([]);
    // Both streams count their own workspace's events: the ids of one reveal nothing of the other.
    expect(Math.min(...ids(aEditor.messages))).toBeLessThanOrEqual(3);
    expect(Math.min(...ids(bEditor.messages))).toBeLessThanOrEqual(3);
  });

  it('resumes after Last-Event-ID (header or query) with exactly what was missed, then carries on live', async () => {
    const desk = await createDesk(t, 'resume');
    const first = await sse.open(desk.editor);
    await createClaim(desk.checker, { text: 'seen 1' });
    await createClaim(desk.checker, { text: 'seen 2' });
    await first.waitFor((m) => m.length === 2);
    const lastSeen = first.messages[1].id!;
    await first.close();

    const missed = [];
    for (let i = 0; i < 3; i++) missed.push((await createClaim(desk.checker, { text: `missed ${i}` })).body.id);
    await sleep(200); // relayed while nobody listens

    const resumed = await sse.open(desk.editor, { headers: { 'last-event-id': lastSeen } });
    await resumed.waitFor((m) => m.length === 3, { what: 'the missed events' });
    expect(claimIdsOf(resumed.messages)).toEqual(missed);
    expect(ids(resumed.messages)).toEqual([1, 2, 3].map((n) => Number(lastSeen) + n));
    const live = (await createClaim(desk.checker, { text: 'after resuming' })).body.id;
    await resumed.waitFor((m) => m.length === 4);
    expect(resumed.messages[3].json.claimId).toBe(live);
    expect(resumed.of('reset')).toEqual([]);

    // A first connection cannot send the header: ?lastEventId= does the same; the header wins.
    const byQuery = await sse.open(desk.editor, { query: `?lastEventId=${lastSeen}` });
    await byQuery.waitFor((m) => m.length === 4);
    expect(claimIdsOf(byQuery.messages)).toEqual([...missed, live]);
    const both = await sse.open(desk.editor, { query: '?lastEventId=0', headers: { 'last-event-id': resumed.messages[3].id! } });
    await sleep(300);
    expect(both.messages).toEqual([]);
  });

  it('sends one reset, with the present position as its id, when the gap is too old or unknown', async () => {
    const desk = await createDesk(t, 'reset');
    const stream = await sse.open(desk.editor);
    for (let i = 0; i < 3; i++) await createClaim(desk.checker, { text: `old ${i}` });
    await stream.waitFor((m) => m.length === 3);
    await stream.close();
    const head = Number(stream.messages[2].id);
    // What came after the first event happened more than an hour ago.
    await db.query(`UPDATE outbox_events SET created_at = now() - interval '61 minutes' WHERE workspace_id = $1 AND seq > $2`, [desk.workspaceId, head - 2]);

    for (const lastEventId of [String(head - 2), String(head + 1000), 'not-an-id']) {
      const again = await sse.open(desk.editor, { headers: { 'last-event-id': lastEventId } });
      await again.waitFor((m) => m.length >= 1, { what: `a reset for ${lastEventId}` });
      await sleep(200);
      expect(again.messages).toHaveLength(1);
      expect(again.messages[0]).toMatchObject({ event: 'reset', id: String(head), json: { type: 'reset', at: expect.any(String), data: {} } });
      await again.close();
    }

    // Within the hour: no reset.
    const recent = await sse.open(desk.editor, { headers: { 'last-event-id': String(head) } });
    const next = (await createClaim(desk.checker, { text: 'after the reset' })).body.id;
    await recent.waitFor((m) => m.length === 1);
    expect(recent.messages[0]).toMatchObject({ event: 'claim.created', id: String(head + 1), json: { claimId: next } });
  });

  it('publishes only what committed: nothing while the transaction is open, nothing of a rollback, and no gap in the ids', async () => {
    const desk = await createDesk(t, 'commit');
    const stream = await sse.open(desk.editor);
    await createClaim(desk.checker, { text: 'before' });
    await stream.waitFor((m) => m.length === 1);

    const writer = new Client({ connectionString: t.db.url });
    await writer.connect();
    try {
      const insert = `INSERT INTO outbox_events (workspace_id, type, payload, claim_id, live, dispatched_at) VALUES ($1, 'claim.updated', $2, NULL, true, now())`;
      await writer.query('BEGIN');
      await writer.query(insert, [desk.workspaceId, { probe: 'rolled back' }]);
      await sleep(1500); // past the relay's sweep
      await writer.query('ROLLBACK');
      await writer.query('BEGIN');
      await writer.query(insert, [desk.workspaceId, { probe: 'committed' }]);
      await sleep(1500);
      expect(stream.messages).toHaveLength(1);
      await writer.query('COMMIT'); // no kick from this process: the sweep relays it
    } finally {
      await writer.end();
    }
    await stream.waitFor((m) => m.length === 2, { timeoutMs: 3000, what: 'the committed row' });
    expect(stream.messages[1]).toMatchObject({ event: 'claim.updated', id: String(Number(stream.messages[0].id) + 1), json: { data: { probe: 'committed' } } });
    expect(stream.messages.some((m) => m.data.includes('rolled back'))).toBe(false);
  });

  it('fills a gap when a publication was lost: at the next event, or at the heartbeat after next', async () => {
    const desk = await createDesk(t, 'gaps');
    const stream = await sse.open(desk.editor);
    await createClaim(desk.checker, { text: 'first' });
    await stream.waitFor((m) => m.length === 1);
    // A relay that numbered a row and died before PUBLISH.
    const orphan = async (probe: string) => {
      await db.query('BEGIN');
      const [{ last_seq }] = (
        await db.query(
          `INSERT INTO live_stream_heads AS h (workspace_id, last_seq) VALUES ($1, 1) ON CONFLICT (workspace_id) DO UPDATE SET last_seq = h.last_seq + 1 RETURNING last_seq`,
          [desk.workspaceId],
        )
      ).rows;
      await db.query(`INSERT INTO outbox_events (workspace_id, type, payload, live, dispatched_at, seq) VALUES ($1, 'claim.updated', $2, true, now(), $3)`, [
        desk.workspaceId,
        { probe },
        last_seq,
      ]);
      await db.query('COMMIT');
    };

    await orphan('filled by the next event');
    const next = (await createClaim(desk.checker, { text: 'next' })).body.id;
    await stream.waitFor((m) => m.length === 3, { what: 'the orphan and the next event' });
    expect(stream.messages.map((m) => m.json.data.probe ?? m.json.claimId)).toEqual([stream.messages[0].json.claimId, 'filled by the next event', next]);
    expectIncreasing(stream.messages);

    await orphan('filled by the heartbeat');
    await stream.waitFor((m) => m.length === 4, { timeoutMs: HEARTBEAT_MS * 4 + 1000, what: 'the orphan, with no event after it' });
    expect(stream.messages[3].json.data.probe).toBe('filled by the heartbeat');
  });

  it('forgets a client that went away', async () => {
    const desk = await createDesk(t, 'leak');
    const hub = t.app.get(LiveHub);
    const before = hub.size;
    const many = await Promise.all(Array.from({ length: 20 }, () => SseStream.open(desk.checker)));
    await waitFor(() => hub.size === before + 20, { what: '20 open streams' });
    expect((await t.http.get('/metrics')).text).toMatch(new RegExp(`^claimtrack_live_streams ${before + 20}$`, 'm'));
    await Promise.all(many.map((s) => s.close()));
    await waitFor(() => hub.size === before, { timeoutMs: 3000, what: 'the closed streams to be forgotten' });
    // The feed of a workspace without clients is dropped too; a new client starts a fresh one.
    const again = await sse.open(desk.checker);
    const id = (await createClaim(desk.editor)).body.id;
    await again.waitFor((m) => m.some((x) => x.json.claimId === id));
  });

  it('ends the stream when its token is replaced or its user deactivated', async () => {
    const desk = await createDesk(t, 'revoked');
    const checker = await sse.open(desk.checker);
    const editor = await sse.open(desk.editor);
    await waitFor(() => checker.comments.length > 0 && editor.comments.length > 0, { what: 'both streams' });

    expect((await desk.admin.post(`/v1/users/${desk.checker.userId}/tokens`)).status).toBe(201);
    await checker.waitForEnd(3000);
    expect(editor.ended).toBe(false);

    expect((await desk.admin.patch(`/v1/users/${desk.editor.userId}`, { active: false })).status).toBe(200);
    await editor.waitForEnd(3000);
  });

  it('works for a person signed in to the desk (session cookie alone), and ends when the session ends', async () => {
    const desk = await createDesk(t, 'session');
    const user = await desk.admin.post('/v1/users', { email: `reader.${Date.now()}@desk.example`, name: 'Wairimu', role: 'checker' });
    const invitation = await desk.admin.post(`/v1/users/${user.body.id}/invitations`);
    const code = new URL(invitation.body.url).pathname.split('/').pop()!;
    const accepted = await t.http.post(
      `/v1/auth/invitations/${code}`,
      { password: 'Haiti mission ledger 2.1bn, still unpaid!' },
      { headers: { origin: t.config.publicUrl } },
    );
    expect(accepted.status).toBe(200);
    const cookie = accepted.headers
      .getSetCookie()
      .find((c) => c.startsWith('claimtrack_session='))!
      .split(';')[0];

    const stream = await sse.open(t.http, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const id = (await createClaim(desk.checker, { text: 'seen by a signed-in person' })).body.id;
    await stream.waitFor((m) => m.some((x) => x.json.claimId === id));

    const out = await t.http.post('/v1/auth/logout', undefined, { headers: { cookie, origin: t.config.publicUrl } });
    expect(out.status).toBe(204);
    await stream.waitForEnd(3000);
  });

  it('reaches a client on another API host within a second of the commit', async () => {
    const desk = await createDesk(t, 'hosts');
    const other = await startApp(sameInstance(t, { appRole: 'api', liveHeartbeatMs: HEARTBEAT_MS }), t.db);
    try {
      const elsewhere = await SseStream.openOnHost(new HttpClient(other.http.baseUrl, desk.editor.defaultToken));
      const here = await sse.open(desk.admin);
      const written = await Promise.all(Array.from({ length: 10 }, (_, i) => createClaim(desk.checker, { text: `host claim ${i}` })));
      const want = written.map((r) => r.body.id);
      const all = (m: SseMessage[]) => want.every((id) => m.some((x) => x.json.claimId === id));
      await Promise.all([elsewhere.waitFor(all), here.waitFor(all)]);
      for (const message of elsewhere.messages) expect(message.receivedAt - Date.parse(message.json.at)).toBeLessThan(1000);
      expect(ids(elsewhere.messages)).toEqual(ids(here.messages.filter((m) => elsewhere.messages.some((e) => e.id === m.id))));
      await elsewhere.close();
    } finally {
      await other.close();
    }
  });

  it('ends open streams when the host shuts down, without holding the shutdown up', async () => {
    const desk = await createDesk(t, 'shutdown');
    const host = await startApp(sameInstance(t, { appRole: 'api' }), t.db);
    let closed = false;
    try {
      const stream = await SseStream.openOnHost(new HttpClient(host.http.baseUrl, desk.checker.defaultToken));
      await waitFor(() => stream.comments.length > 0, { what: 'the stream' });
      const started = Date.now();
      await host.close();
      closed = true;
      expect(Date.now() - started).toBeLessThan(3000);
      await stream.waitForEnd(1000);
    } finally {
      if (!closed) await host.close();
    }
  });
  it('ends at once, on another host too, the stream of a user deactivated there', async () => {
    const desk = await createDesk(t, 'ended-elsewhere');
    // A host on the default heartbeat checks its streams only every 5 s, the first time 5 s
    // after it starts: within a second, only the announcement on Redis can end this stream.
    const host = await startApp(sameInstance(t, { appRole: 'api' }), t.db);
    try {
      const editor = await SseStream.openOnHost(new HttpClient(host.http.baseUrl, desk.editor.defaultToken));
      const checker = await SseStream.openOnHost(new HttpClient(host.http.baseUrl, desk.checker.defaultToken));
      await waitFor(() => editor.comments.length > 0 && checker.comments.length > 0, { what: 'both streams' });
      expect((await desk.admin.patch(`/v1/users/${desk.editor.userId}`, { active: false })).status).toBe(200);
      await editor.waitForEnd(1000);
      expect(checker.ended).toBe(false);
    } finally {
      await host.close();
    }
  });
});

describe('live events while Redis is down', () => {
  let db: TestDatabase;
  let redis: TcpProxy;
  let t: TestApp;
  let desk: Desk;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = new TcpProxy(REDIS_PORT);
    await redis.start();
    t = await startApp({ redisUrl: `redis://127.0.0.1:${redis.port}`, liveHeartbeatMs: HEARTBEAT_MS }, db);
    desk = await createDesk(t, 'outage');
  });
  afterAll(async () => {
    await redis.start().catch(() => undefined);
    await t.close();
    await redis.stop();
    await db.drop();
  });

  it('ends the stream, refuses new ones (503), and lets clients catch up from PostgreSQL when Redis is back', async () => {
    await waitFor(
      async () => {
        const probe = await SseStream.open(desk.editor);
        await probe.close();
        return probe.status === 200;
      },
      { what: 'streams to open' },
    );
    const stream = await SseStream.open(desk.editor);
    await createClaim(desk.checker, { text: 'before the outage' });
    await stream.waitFor((m) => m.length === 1);

    await redis.stop();
    await stream.waitForEnd(3000);
    const refused = await desk.editor.get('/v1/events');
    expectProblem(refused, 503, 'UNAVAILABLE');
    const during = (await createClaim(desk.checker, { text: 'during the outage' })).body.id;

    await redis.start();
    const resumed = await waitFor(
      async () => {
        const attempt = await SseStream.open(desk.editor, { headers: { 'last-event-id': stream.messages[0].id! } });
        if (attempt.status === 200) return attempt;
        return null;
      },
      { timeoutMs: 20_000, what: 'streams to open again' },
    );
    try {
      await resumed.waitFor((m) => m.some((x) => x.json.claimId === during), { what: 'the claim written during the outage' });
      expect(resumed.messages[0]).toMatchObject({ event: 'claim.created', id: String(Number(stream.messages[0].id) + 1) });
      const after = (await createClaim(desk.checker, { text: 'after the outage' })).body.id;
      await resumed.waitFor((m) => m.some((x) => x.json.claimId === after));
    } finally {
      await resumed.close();
    }
  });
});
