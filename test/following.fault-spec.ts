import { Client } from 'pg';
import Redis from 'ioredis';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim } from './support/claims';
import { SmtpSink } from './support/receivers';
import { workerProcess, type ServiceProcess } from './support/service-process';
import { sleep, waitFor } from './support/wait';

/**
 * What followers are told (claim.activity), with real worker processes (`node dist/src/main.js`,
 * APP_ROLE=worker) against the real PostgreSQL and Redis: exactly once per follower and
 * activity, whatever runs side by side, dies or loses its jobs. The API runs without workers,
 * so activities wait until a test starts one. Runs in the faults project (alone, --runInBand).
 */
jest.setTimeout(120_000);

describe('claim.activity: each follower told once per activity, whatever happens to the workers', () => {
  let t: TestApp;
  let db: Client;
  let smtp: SmtpSink;
  const workers: ServiceProcess[] = [];

  const startWorker = async (): Promise<ServiceProcess> => {
    const worker = workerProcess(t.config, { SMTP_URL: smtp.url });
    workers.push(worker);
    await worker.waitForLog(/worker started/, 60_000); // a loaded machine starts node slowly
    return worker;
  };
  const stopWorkers = async (signal: NodeJS.Signals = 'SIGTERM') => {
    for (const worker of workers) if (worker.process.exitCode === null && worker.process.signalCode === null) await worker.stop(signal);
  };

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startApp({ appRole: 'api', smtpUrl: smtp.url });
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
    await db.end();
    await t.close();
    await smtp.stop();
    expect(smtp.errors).toEqual([]);
  });

  /**
   * `claims` claims of a new desk, each followed by its four people and `extra` more, and
   * `perClaim` transitions-worth of activities by the checker on each (written in SQL: the
   * set-up is not what is tested). Answers the activity ids and the followers told of each.
   */
  async function pending(label: string, claims: number, perClaim: number, extra = 2): Promise<{ desk: Desk; ids: string[]; toldEach: number }> {
    const desk = await createDesk(t, label);
    const { rows: people } = await db.query<{ id: string }>(
      `INSERT INTO users (workspace_id, email, name, role)
       SELECT $1, 'follower' || g || '.' || $2 || '@faults.example', 'Follower ' || g, 'checker' FROM generate_series(1, $3::int) g RETURNING id`,
      [desk.workspaceId, label.replace(/\W/g, ''), extra],
    );
    const claimIds: string[] = [];
    for (let i = 0; i < claims; i++) claimIds.push((await createClaim(desk.checker, { text: `Claim ${i} of ${label}` })).body.id);
    const followers = [desk.admin.userId, desk.editor.userId, desk.editor2.userId, desk.checker.userId, ...people.map((p) => p.id)];
    await db.query(`INSERT INTO claim_followers (claim_id, user_id) SELECT c, u FROM unnest($1::uuid[]) c, unnest($2::uuid[]) u ON CONFLICT DO NOTHING`, [
      claimIds,
      followers,
    ]);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO claim_activities (workspace_id, claim_id, actor_id, kind, data)
       SELECT $1, c, $3, 'transition', jsonb_build_object('from', 'submitted', 'to', 'in_research', 'note', 'step ' || g)
         FROM unnest($2::uuid[]) c, generate_series(1, $4::int) g RETURNING id`,
      [desk.workspaceId, claimIds, desk.checker.userId, perClaim],
    );
    return { desk, ids: rows.map((r) => r.id), toldEach: followers.length - 1 };
  }

  /** What the workers made of these activities. */
  async function counts(ids: string[]): Promise<{ pending: number; events: number; inbox: number; emails: number; strayEvents: number }> {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM claim_activities WHERE id = ANY($1::uuid[]))::int AS pending,
              (SELECT count(*) FROM outbox_events WHERE id = ANY($1::uuid[]) AND type = 'claim.activity')::int AS events,
              (SELECT count(*) FROM inbox_notifications WHERE event_id = ANY($1::uuid[]))::int AS inbox,
              (SELECT count(*) FROM deliveries WHERE event_id = ANY($1::uuid[]) AND channel = 'email')::int AS emails,
              (SELECT count(*) FROM outbox_events e WHERE e.type = 'claim.activity' AND e.workspace_id = (SELECT workspace_id FROM outbox_events WHERE id = $1[1])
                  AND NOT (e.id = ANY($1::uuid[])))::int AS "strayEvents"`,
      [ids],
    );
    return rows[0];
  }

  const allTold = (ids: string[], what: string) =>
    waitFor(async () => ((await counts(ids)).pending === 0 ? true : null), { timeoutMs: 60_000, intervalMs: 200, what });

  it('two workers side by side: 600 activities, 6 followers told of each once, in the inbox and by an e-mail whose Message-ID is its delivery', async () => {
    await stopWorkers();
    const { desk, ids, toldEach } = await pending('pair', 20, 30);
    const mailsBefore = smtp.mails.length;
    await Promise.all([startWorker(), startWorker()]);
    await allTold(ids, 'the 600 activities');
    const expected = { pending: 0, events: 600, inbox: 600 * toldEach, emails: 600 * toldEach, strayEvents: 0 };
    expect(await counts(ids)).toEqual(expected);
    const { rows: deliveries } = await db.query<{ id: string; target: string }>(
      `SELECT id, target FROM deliveries WHERE event_id = ANY($1::uuid[]) AND channel = 'email'`,
      [ids],
    );
    const received = () => {
      const byDelivery = new Map<string, string[]>();
      for (const mail of smtp.mails.slice(mailsBefore)) {
        const id = /^Message-ID:\s*<([^@>]+)@/im.exec(mail.raw)?.[1] ?? 'none';
        byDelivery.set(id, [...(byDelivery.get(id) ?? []), ...mail.to]);
      }
      return byDelivery;
    };
    await waitFor(() => received().size >= deliveries.length, { timeoutMs: 90_000, intervalMs: 250, what: 'an e-mail for every delivery' });
    await sleep(2000);
    expect(await counts(ids)).toEqual(expected);
    // Each e-mail delivery reached its address once: no message was sent twice (the workers
    // renew their leases while a batch waits for SMTP connections), and each carries its
    // delivery's id as its Message-ID.
    expect(smtp.mails.length - mailsBefore).toBe(deliveries.length);
    const byDelivery = received();
    expect(byDelivery.size).toBe(deliveries.length);
    for (const d of deliveries) expect(new Set(byDelivery.get(d.id))).toEqual(new Set([d.target]));
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM deliveries WHERE event_id = ANY($1::uuid[]) AND status <> 'delivered' AND channel = 'email'`,
      [ids],
    );
    expect(rows[0].n).toBe(0);
    const checker = (await desk.checker.get('/v1/me/notifications?limit=200')).body.items.filter((n: { type: string }) => n.type === 'claim.activity');
    expect(checker).toEqual([]); // the one who did it is never told
  });

  it('kill -9 of a worker while it tells 3,000 activities: a new worker tells the rest, nobody twice', async () => {
    await stopWorkers();
    const { ids, toldEach } = await pending('kill', 30, 100);
    const victim = await startWorker();
    await waitFor(async () => (await counts(ids)).events > 0, { timeoutMs: 20_000, intervalMs: 10, what: 'the first activities to be told' });
    await victim.stop('SIGKILL');
    const before = await counts(ids);
    expect(before.pending).toBeGreaterThan(0); // killed mid-way
    expect(before.inbox).toBe(before.events * toldEach); // what committed is whole

    await startWorker();
    await allTold(ids, 'the rest after the kill');
    await sleep(1500);
    expect(await counts(ids)).toEqual({ pending: 0, events: 3000, inbox: 3000 * toldEach, emails: 3000 * toldEach, strayEvents: 0 });
  });

  it('jobs lost (Redis flushed): the activity sweep still tells everyone once', async () => {
    await stopWorkers();
    await startWorker();
    const desk = await createDesk(t, 'flush');
    const { body: claim } = await createClaim(desk.checker);
    await desk.editor.request('PUT', `/v1/claims/${claim.id}/following`);
    const redis = new Redis(t.config.redisUrl);
    try {
      await redis.flushall();
      await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'Told after a flush' });
      await redis.flushall(); // whatever job the comment enqueued is gone too
    } finally {
      redis.disconnect();
    }
    const activity = async () =>
      (await desk.editor.get('/v1/me/notifications')).body.items.filter(
        (n: { type: string; claimId: string }) => n.type === 'claim.activity' && n.claimId === claim.id,
      );
    await waitFor(async () => (await activity()).length > 0, { timeoutMs: 20_000, intervalMs: 250, what: 'the sweep to tell the follower' });
    await sleep(1500);
    expect(await activity()).toHaveLength(1);
  });

  it('a comment deleted before any worker told its followers is not told at all', async () => {
    await stopWorkers();
    const desk = await createDesk(t, 'deleted');
    const { body: claim } = await createClaim(desk.checker);
    await desk.editor.request('PUT', `/v1/claims/${claim.id}/following`);
    const { body: comment } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'Oops, wrong claim' });
    const { body: kept } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'This one stays' });
    expect((await desk.checker.delete(`/v1/comments/${comment.id}`)).status).toBe(204);
    await startWorker();
    await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM claim_activities WHERE claim_id = $1`, [claim.id])).rows[0].n === 0, {
      what: 'the activities to be taken',
    });
    const items = (await desk.editor.get('/v1/me/notifications')).body.items.filter((n: { type: string }) => n.type === 'claim.activity');
    expect(items.map((n: { data: { commentId: string } }) => n.data.commentId)).toEqual([kept.id]);
  });
});
