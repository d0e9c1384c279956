import Redis from 'ioredis';
import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { setDigestTime, zoneWhereLocalHourIs } from './support/digests';
import { ServiceProcess } from './support/service-process';
import { sleep, waitFor } from './support/wait';

/**
 * Digests under faults, with real worker processes (`node dist/src/main.js`, APP_ROLE=worker)
 * against the real PostgreSQL and Redis. The digest time is a workspace setting: each test puts
 * it at the next minute in a zone where it is now about noon, so nothing waits for a morning.
 * Runs in the faults project (alone, --runInBand): it flushes Redis.
 */
jest.setTimeout(150_000);

describe('digests: one per person and day, whatever happens to the workers or Redis', () => {
  let t: TestApp;
  let db: Client;
  const workers: ServiceProcess[] = [];

  const startWorker = async (): Promise<ServiceProcess> => {
    const worker = new ServiceProcess({
      APP_ROLE: 'worker',
      DATABASE_URL: t.config.databaseUrl,
      REDIS_URL: t.config.redisUrl,
      QUEUE_PREFIX: t.config.queuePrefix,
      LOG_LEVEL: 'info',
    });
    workers.push(worker);
    await worker.waitForLog(/worker started/);
    return worker;
  };

  beforeAll(async () => {
    t = await startApp({ appRole: 'api' });
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
    await db.end();
    await t.close();
  });

  /**
   * A desk with `people` more checkers, each with an overdue claim of their own (written in SQL:
   * the set-up is not what is tested), its digest time still ahead and escalation off.
   */
  async function deskWithPeople(people: number): Promise<{ desk: Desk; zone: string; userIds: string[] }> {
    const desk = await createDesk(t, 'digest faults');
    const zone = zoneWhereLocalHourIs(12);
    await setDigestTime(desk, '23:59', zone);
    expect((await desk.admin.patch('/v1/workspace', { escalateAfter: null })).status).toBe(200);
    await db.query(`UPDATE users SET digest = false WHERE workspace_id = $1`, [desk.workspaceId]); // only the new people
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO users (workspace_id, email, name, role)
       SELECT $1, 'person' || g || '@faults.example', 'Person ' || g, 'checker' FROM generate_series(1, $2::int) g RETURNING id`,
      [desk.workspaceId, people],
    );
    await db.query(
      `INSERT INTO claims (workspace_id, text, kind, claimant_name, assignee_id, due_at)
       SELECT $1, 'Overdue claim of ' || u, 'statement', 'A minister', u, now() - interval '2 days' FROM unnest($2::uuid[]) u`,
      [desk.workspaceId, rows.map((r) => r.id)],
    );
    await db.query(`DELETE FROM digests WHERE workspace_id = $1`, [desk.workspaceId]);
    return { desk, zone, userIds: rows.map((r) => r.id) };
  }

  /** Puts the workspace's digest time at the next whole minute at least 15 s away; answers that instant. */
  async function digestAtNextMinute(desk: Desk, zone: string): Promise<number> {
    const at = Math.ceil((Date.now() + 15_000) / 60_000) * 60_000;
    const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
    await setDigestTime(desk, hhmm, zone);
    return at;
  }

  async function counts(workspaceId: string): Promise<{ digests: number; inbox: number; people: number; doubled: number }> {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM digests WHERE workspace_id = $1 AND event_id IS NOT NULL)::int AS digests,
              (SELECT count(*) FROM inbox_notifications WHERE workspace_id = $1 AND type = 'digest')::int AS inbox,
              (SELECT count(DISTINCT user_id) FROM inbox_notifications WHERE workspace_id = $1 AND type = 'digest')::int AS people,
              (SELECT count(*) FROM (SELECT user_id FROM inbox_notifications WHERE workspace_id = $1 AND type = 'digest' GROUP BY 1 HAVING count(*) > 1) d)::int AS doubled`,
      [workspaceId],
    );
    return rows[0];
  }

  const allSent = (workspaceId: string, people: number) =>
    waitFor(async () => (await counts(workspaceId)).people === people, { timeoutMs: 60_000, intervalMs: 250, what: `${people} digests` });

  it('two workers side by side at digest time: one digest each', async () => {
    const { desk, zone, userIds } = await deskWithPeople(150);
    await Promise.all([startWorker(), startWorker()]);
    const at = await digestAtNextMinute(desk, zone);
    await sleep(Math.max(0, at - Date.now()));
    expect((await counts(desk.workspaceId)).inbox).toBe(0); // not before its time

    await allSent(desk.workspaceId, userIds.length);
    await sleep(6000); // more sweeps on both workers
    expect(await counts(desk.workspaceId)).toEqual({ digests: 150, inbox: 150, people: 150, doubled: 0 });
    for (const worker of workers.splice(0)) await worker.stop('SIGKILL');
  });

  it('a worker killed during the digest run: none lost, none doubled', async () => {
    const { desk, zone, userIds } = await deskWithPeople(400);
    const first = await startWorker();
    const at = await digestAtNextMinute(desk, zone);
    await sleep(Math.max(0, at - Date.now()));
    await waitFor(async () => (await counts(desk.workspaceId)).digests > 0, { timeoutMs: 20_000, intervalMs: 20, what: 'the digest run to start' });
    await first.stop('SIGKILL');
    const before = await counts(desk.workspaceId);
    expect(before.digests).toBeLessThan(400); // killed mid-way
    expect(before.inbox).toBe(before.digests); // each committed digest is whole: row and inbox entry together

    await startWorker();
    await allSent(desk.workspaceId, userIds.length);
    await sleep(6000);
    expect(await counts(desk.workspaceId)).toEqual({ digests: 400, inbox: 400, people: 400, doubled: 0 });
    for (const worker of workers.splice(0)) await worker.stop('SIGKILL');
  });

  it('Redis flushed before digest time: the digests are still sent, once', async () => {
    const { desk, zone, userIds } = await deskWithPeople(50);
    await startWorker();
    const at = await digestAtNextMinute(desk, zone);
    await sleep(Math.max(0, at - Date.now() - 5000));
    const redis = new Redis(t.config.redisUrl);
    try {
      expect((await redis.keys(`${t.config.queuePrefix}:maintenance:*`)).length).toBeGreaterThan(0); // the schedulers were there
      await redis.flushall();
    } finally {
      redis.disconnect();
    }
    await allSent(desk.workspaceId, userIds.length);
    await sleep(6000);
    expect(await counts(desk.workspaceId)).toEqual({ digests: 50, inbox: 50, people: 50, doubled: 0 });
  });
});
