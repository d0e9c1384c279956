import { createDesk, type Desk, type TestApp } from './support/app';
import { expectProblem } from './support/http';
import { startAppBehindProxies, type AppBehindProxies } from './support/outages';
import type { TcpProxy } from './support/tcp-proxy';
import { waitFor } from './support/wait';

/**
 * PostgreSQL and Redis are reached through loopback proxies; stopping a proxy leaves a port
 * where nothing listens, as when the service is down.
 */
describe('when PostgreSQL or Redis is down', () => {
  let proxied: AppBehindProxies;
  let t: TestApp;
  let pg: TcpProxy;
  let redis: TcpProxy;
  let desk: Desk;

  beforeAll(async () => {
    proxied = await startAppBehindProxies();
    ({ t, pg, redis } = proxied);
    desk = await createDesk(t);
  });
  afterAll(() => proxied.close());

  it('answers 503 UNAVAILABLE within 2 s while PostgreSQL is down, and recovers by itself', async () => {
    await pg.stop();
    const started = Date.now();
    const response = await desk.checker.get('/v1/sources');
    expect(Date.now() - started).toBeLessThan(2000);
    expectProblem(response, 503, 'UNAVAILABLE');
    expectProblem(await desk.checker.post('/v1/sources', { title: 'written while down' }), 503, 'UNAVAILABLE');

    const health = await t.http.get('/health');
    expect(health.status).toBe(503);
    expect(health.body.checks).toEqual({ database: 'down', redis: 'up' });

    await pg.start();
    await waitFor(async () => (await desk.checker.get('/v1/sources')).status === 200, { timeoutMs: 20_000, what: 'recovery' });
    expect((await t.http.get('/health')).body).toMatchObject({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    const created = await desk.checker.post('/v1/sources', { title: 'written after recovery' });
    expect(created.status).toBe(201);
  });

  it('answers 503 within 3 s while PostgreSQL has stalled with its connections open, and recovers', async () => {
    expect((await desk.checker.get('/v1/sources')).status).toBe(200); // pooled connections are open
    pg.freeze();
    try {
      for (const request of [() => desk.checker.get('/v1/sources'), () => desk.checker.post('/v1/sources', { title: 'written while stalled' })]) {
        const started = Date.now();
        const response = await request();
        expect(Date.now() - started).toBeLessThan(3000);
        expectProblem(response, 503, 'UNAVAILABLE');
      }
    } finally {
      pg.thaw();
    }
    await waitFor(async () => (await desk.checker.get('/v1/sources')).status === 200, { timeoutMs: 20_000, what: 'recovery' });
    expect((await desk.checker.post('/v1/sources', { title: 'written after the stall' })).status).toBe(201);
  });

  it('reports Redis down on /health within 2 s, keeps serving what needs only PostgreSQL, and recovers', async () => {
    await redis.stop();
    const started = Date.now();
    const health = await t.http.get('/health');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(health.status).toBe(503);
    expect(health.body.checks).toEqual({ database: 'up', redis: 'down' });
    // The rate limiter falls back to an in-process counter: requests still succeed.
    expect((await desk.checker.get('/v1/me')).status).toBe(200);
    // A reminder due within the horizon is saved; its timer is set by the sweep once Redis is back.
    const claim = await desk.checker.post('/v1/claims', { text: 'Written while Redis is down', kind: 'statement', claimant: { name: 'A' } });
    expect(claim.status).toBe(201);
    const reminderStarted = Date.now();
    const reminder = await desk.checker.post(`/v1/claims/${claim.body.id}/reminders`, { message: 'soon', in: 'PT30S' });
    expect(reminder.status).toBe(201);
    expect(Date.now() - reminderStarted).toBeLessThan(2000);
    const metricsStarted = Date.now();
    expect((await t.http.get('/metrics')).status).toBe(200);
    expect(Date.now() - metricsStarted).toBeLessThan(3000);

    await redis.start();
    await waitFor(async () => (await t.http.get('/health')).status === 200, { timeoutMs: 20_000, what: 'Redis to be seen again' });
  });
});
