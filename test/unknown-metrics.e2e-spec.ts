import type { TestApp } from './support/app';
import { startAppBehindProxies, type AppBehindProxies } from './support/outages';
import type { TcpProxy } from './support/tcp-proxy';
import { waitFor } from './support/wait';

const STATUSES = ['pending', 'delivered', 'failed', 'dead', 'skipped'];
const QUEUES = ['reminders', 'deliveries', 'maintenance'];
const STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'];

/** The value of one series in Prometheus text, as written ("0", "12"; prom-client writes NaN as "Nan"). */
function sample(metrics: string, series: string): string | undefined {
  return metrics
    .split('\n')
    .find((line) => line.startsWith(`${series} `))
    ?.slice(series.length + 1);
}

/**
 * What the service cannot read it reports as unknown (NaN in /metrics, "unknown" on /health),
 * never as a false 0. PostgreSQL and Redis are reached through loopback proxies.
 */
describe('metrics and health while PostgreSQL or Redis is down', () => {
  let proxied: AppBehindProxies;
  let t: TestApp;
  let pg: TcpProxy;
  let redis: TcpProxy;

  beforeAll(async () => {
    proxied = await startAppBehindProxies();
    ({ t, pg, redis } = proxied);
  });
  afterAll(() => proxied.close());

  it('reports deliveries by status as NaN, not 0, while PostgreSQL is down, and counts again once it is back', async () => {
    const before = (await t.http.get('/metrics')).text;
    for (const status of STATUSES) expect(sample(before, `claimtrack_deliveries{status="${status}"}`)).toMatch(/^\d+$/);

    await pg.stop();
    try {
      const started = Date.now();
      const response = await t.http.get('/metrics');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(response.status).toBe(200);
      for (const status of STATUSES) expect(sample(response.text, `claimtrack_deliveries{status="${status}"}`)).toMatch(/^NaN$/i);
      // Redis is up: the queues are still counted.
      expect(sample(response.text, 'claimtrack_queue_jobs{queue="reminders",state="waiting"}')).toMatch(/^\d+$/);
      expect((await t.http.get('/health')).body.checks).toEqual({ database: 'down', redis: 'up' });
    } finally {
      await pg.start();
    }
    await waitFor(async () => sample((await t.http.get('/metrics')).text, 'claimtrack_deliveries{status="delivered"}')?.match(/^\d+$/), {
      timeoutMs: 20_000,
      what: 'delivery counts again',
    });
  });

  it('reports queue depths as NaN and the queues on /health as "unknown" while Redis is down', async () => {
    await redis.stop();
    try {
      const metrics = (await t.http.get('/metrics')).text;
      for (const queue of QUEUES)
        for (const state of STATES) expect(sample(metrics, `claimtrack_queue_jobs{queue="${queue}",state="${state}"}`)).toMatch(/^NaN$/i);
      const health = await t.http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'unavailable', checks: { database: 'up', redis: 'down' }, queues: 'unknown' });
    } finally {
      await redis.start();
    }
    await waitFor(async () => (await t.http.get('/health')).status === 200, { timeoutMs: 20_000, what: 'Redis to be seen again' });
    const metrics = (await t.http.get('/metrics')).text;
    expect(sample(metrics, 'claimtrack_queue_jobs{queue="reminders",state="waiting"}')).toMatch(/^\d+$/);
  });
});
