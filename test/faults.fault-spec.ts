import { Client } from 'pg';
import Redis from 'ioredis';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim } from './support/claims';
import { WebhookReceiver } from './support/receivers';
import { ServiceProcess } from './support/service-process';
import { PG_PORT, REDIS_PORT } from './support/services';
import { TcpProxy } from './support/tcp-proxy';
import { sleep, waitFor } from './support/wait';

/**
 * Faults with real worker processes (APP_ROLE=worker, `node dist/src/main.js`) against the
 * real PostgreSQL and Redis. This file runs alone (`--runInBand`, after the other suites):
 * it flushes Redis.
 */
jest.setTimeout(90_000);

describe('nothing is lost, nothing fires twice', () => {
  let t: TestApp;
  let db: Client;
  const workers: ServiceProcess[] = [];

  const startWorker = async (overrides: Record<string, string> = {}): Promise<ServiceProcess> => {
    const worker = new ServiceProcess({
      APP_ROLE: 'worker',
      DATABASE_URL: t.config.databaseUrl,
      REDIS_URL: t.config.redisUrl,
      QUEUE_PREFIX: t.config.queuePrefix,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      LOG_LEVEL: 'info',
      ...overrides,
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

  /** `count` reminders on one claim assigned to the desk's checker, due from `firstDueAt` every `spacingMs`. */
  async function scheduleMany(desk: Desk, count: number, firstDueAt: number, spacingMs: number): Promise<string[]> {
    const { body: claim } = await createClaim(desk.checker, { assigneeId: desk.checker.userId });
    const ids: string[] = [];
    for (let i = 0; i < count; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, count - i) }, (_, j) =>
          desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: `Reminder ${i + j}`, at: new Date(firstDueAt + (i + j) * spacingMs).toISOString() }),
        ),
      );
      for (const response of batch) {
        if (response.status !== 201) throw new Error(`${response.status} ${response.text}`);
        ids.push(response.body.id);
      }
    }
    return ids;
  }

  async function firedCounts(ids: string[]): Promise<{ firings: number; inbox: number; doubled: number; done: number }> {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM reminder_firings WHERE reminder_id = ANY($1::uuid[]))::int AS firings,
              (SELECT count(*) FROM inbox_notifications WHERE refs->>'reminderId' = ANY($2::text[]))::int AS inbox,
              (SELECT count(*) FROM (SELECT refs->>'reminderId' FROM inbox_notifications WHERE refs->>'reminderId' = ANY($2::text[]) GROUP BY 1 HAVING count(*) > 1) d)::int AS doubled,
              (SELECT count(*) FROM reminders WHERE id = ANY($1::uuid[]) AND status = 'done' AND fired_count = 1)::int AS done`,
      [ids, ids],
    );
    return rows[0];
  }

  it('kill -9 of a worker while 200 reminders are firing: a new worker fires the rest, none doubled in the inbox', async () => {
    const desk = await createDesk(t, 'kill');
    const first = await startWorker();
    // Far enough ahead that scheduling 200 reminders on a loaded machine ends before the first is due.
    const firstDueAt = Date.now() + 15_000;
    const ids = await scheduleMany(desk, 200, firstDueAt, 10); // due over two seconds
    await sleep(Math.max(0, firstDueAt + 1000 - Date.now()));
    await first.stop('SIGKILL');
    const before = await firedCounts(ids);
    expect(before.firings).toBeLessThan(200); // killed mid-way

    await startWorker();
    const after = await waitFor(
      async () => {
        const counts = await firedCounts(ids);
        return counts.firings === 200 ? counts : null;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'all 200 reminders to fire' },
    );
    await sleep(1500); // anything doubled would show by now
    expect(await firedCounts(ids)).toEqual({ firings: 200, inbox: 200, doubled: 0, done: 200 });
    expect(after.doubled).toBe(0);
    const inbox = await desk.checker.get('/v1/me/notifications?limit=200');
    expect(inbox.body.items).toHaveLength(200);
  });

  it('FLUSHALL on Redis with reminders scheduled: they all still fire, once', async () => {
    // Its own worker, whatever the test before left running.
    if (!workers.some((worker) => worker.process.exitCode === null && worker.process.signalCode === null)) await startWorker();
    const desk = await createDesk(t, 'flush');
    const ids = await scheduleMany(desk, 50, Date.now() + 5000, 20);
    const { body: claim } = await createClaim(desk.checker);
    const far = (await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'In three months', in: 'P90D' })).body;
    const redis = new Redis(t.config.redisUrl);
    try {
      const before = await redis.keys(`${t.config.queuePrefix}:reminders:*`);
      expect(before.length).toBeGreaterThan(0); // the timers were in Redis
      await redis.flushall();
    } finally {
      redis.disconnect();
    }
    await waitFor(async () => (await firedCounts(ids)).firings === 50, { timeoutMs: 30_000, intervalMs: 250, what: 'the 50 reminders to fire after FLUSHALL' });
    await sleep(1500);
    expect(await firedCounts(ids)).toEqual({ firings: 50, inbox: 50, doubled: 0, done: 50 });
    expect((await desk.checker.get(`/v1/reminders/${far.id}`)).body).toMatchObject({ status: 'scheduled', firedCount: 0 });
  });

  it('two workers side by side: 150 reminders due at the same instant each fire once', async () => {
    for (const worker of workers) await worker.stop('SIGTERM');
    await startWorker();
    await startWorker();
    const desk = await createDesk(t, 'pair');
    const dueAt = Date.now() + 7000;
    const ids = await scheduleMany(desk, 150, dueAt, 0);
    await waitFor(async () => (await firedCounts(ids)).firings === 150, { timeoutMs: 30_000, intervalMs: 250, what: 'the 150 reminders' });
    await sleep(2000);
    expect(await firedCounts(ids)).toEqual({ firings: 150, inbox: 150, doubled: 0, done: 150 });
  });

  it('a worker killed in the middle of a webhook call: the delivery is completed by another, under the same webhook-id', async () => {
    for (const worker of workers) if (worker.process.exitCode === null) await worker.stop('SIGTERM');
    const receiver = await new WebhookReceiver().start();
    receiver.delayMs = 4000;
    try {
      const desk = await createDesk(t, 'mid-delivery');
      await desk.admin.post('/v1/webhooks', { url: receiver.url, events: ['reminder.due'] });
      const victim = await startWorker();
      const ids = await scheduleMany(desk, 1, Date.now() + 2000, 0);
      await waitFor(() => receiver.received.length === 1, { timeoutMs: 10_000, what: 'the webhook call to start' });
      await victim.stop('SIGKILL');
      receiver.delayMs = 0;
      await startWorker();
      const delivered = await waitFor(
        async () => {
          const items = (await desk.checker.get(`/v1/reminders/${ids[0]}/deliveries`)).body.items as Array<{ id: string; channel: string; status: string }>;
          return items.find((d) => d.channel === 'webhook' && d.status === 'delivered');
        },
        { timeoutMs: 40_000, intervalMs: 500, what: 'the interrupted delivery to complete' },
      );
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivered.id]));
      expect(await firedCounts(ids)).toEqual({ firings: 1, inbox: 1, doubled: 0, done: 1 });
    } finally {
      await receiver.stop();
    }
  });

  /**
   * The workers reach `service` through a proxy that goes down 1.5 s before 30 reminders fall
   * due and comes back 5 s later: every reminder must then fire, once.
   */
  async function outageAcrossDueTime(service: 'PostgreSQL' | 'Redis'): Promise<void> {
    for (const worker of workers) if (worker.process.exitCode === null) await worker.stop('SIGTERM');
    const proxy = new TcpProxy(service === 'PostgreSQL' ? PG_PORT : REDIS_PORT);
    await proxy.start();
    try {
      await startWorker(service === 'PostgreSQL' ? { DATABASE_URL: proxy.urlFor(t.config.databaseUrl) } : { REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
      const desk = await createDesk(t, `${service} outage`);
      const dueAt = Date.now() + 4000;
      const ids = await scheduleMany(desk, 30, dueAt, 20);
      await sleep(Math.max(0, dueAt - 1500 - Date.now()));
      await proxy.stop();
      await sleep(5000);
      if (service === 'PostgreSQL') expect((await firedCounts(ids)).firings).toBe(0);
      await proxy.start();
      let seen: Awaited<ReturnType<typeof firedCounts>> | undefined;
      await waitFor(async () => (seen = await firedCounts(ids)).firings === 30, {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: `the reminders after the ${service} outage`,
      }).catch((error: Error) => {
        const worker = workers.at(-1)!;
        throw new Error(
          `${error.message} (${JSON.stringify(seen)})\n--- the worker's log, last lines ---\n${worker.stdout.slice(-6000)}\n${worker.stderr.slice(-2000)}`,
        );
      });
      await sleep(1500);
      expect(await firedCounts(ids)).toEqual({ firings: 30, inbox: 30, doubled: 0, done: 30 });
    } finally {
      for (const worker of workers) if (worker.process.exitCode === null) await worker.stop('SIGTERM');
      await proxy.stop();
    }
  }

  it('a PostgreSQL outage across the due time: every reminder fires once when it returns', () => outageAcrossDueTime('PostgreSQL'));

  it('a Redis outage across the due time: every reminder fires once when it returns', () => outageAcrossDueTime('Redis'));

  it('a worker given SIGTERM exits within 15 s, even with Redis gone', async () => {
    const proxy = new TcpProxy(REDIS_PORT);
    await proxy.start();
    const worker = await startWorker({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
    await proxy.stop();
    const { ms } = await worker.stop('SIGTERM');
    expect(ms).toBeLessThan(15_000);
  });

  it('a worker given SIGTERM in the middle of a webhook call finishes it, then exits', async () => {
    const receiver = await new WebhookReceiver().start();
    receiver.delayMs = 3000;
    try {
      const desk = await createDesk(t, 'sigterm');
      await desk.admin.post('/v1/webhooks', { url: receiver.url, events: ['reminder.due'] });
      const worker = await startWorker();
      const ids = await scheduleMany(desk, 1, Date.now() + 1500, 0);
      await waitFor(() => receiver.received.length === 1, { timeoutMs: 10_000, what: 'the webhook call to start' });
      const { ms } = await worker.stop('SIGTERM');
      expect(ms).toBeGreaterThan(1500); // it waited for the call
      expect(ms).toBeLessThan(10_000);
      const items = (await desk.checker.get(`/v1/reminders/${ids[0]}/deliveries`)).body.items as Array<{ channel: string; status: string; attempts: number }>;
      expect(items.find((d) => d.channel === 'webhook')).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.stop();
    }
  });

  it('a worker given SIGTERM exits within 15 s', async () => {
    const worker = await startWorker();
    const { ms, code, signal } = await worker.stop('SIGTERM');
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(ms).toBeLessThan(15_000);
  });
});
