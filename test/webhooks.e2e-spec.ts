import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim } from './support/claims';
import { expectProblem } from './support/http';
import { WebhookReceiver } from './support/receivers';
import { waitFor } from './support/wait';

/** Webhook registration and the SSRF guard, with WEBHOOK_ALLOW_PRIVATE=false. */
describe('webhooks', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await startApp({ webhookAllowPrivate: false, deliveryRetryBaseMs: 100, deliveryMaxAttempts: 2 });
    desk = await createDesk(t);
  });
  afterAll(() => t.close());

  it.each([
    ['loopback', 'http://127.0.0.1:8080/hook'],
    ['loopback name', 'http://localhost/hook'],
    ['private 10/8', 'http://10.0.0.5/hook'],
    ['private 172.16/12', 'https://172.16.4.4/hook'],
    ['private 192.168/16', 'http://192.168.0.10/hook'],
    ['link-local', 'http://169.254.1.1/hook'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data'],
    ['CGNAT', 'http://100.64.1.1/hook'],
    ['multicast', 'http://224.0.0.251/hook'],
    ['unspecified', 'http://0.0.0.0/hook'],
    ['IPv6 loopback', 'http://[::1]/hook'],
    ['IPv6 unique local', 'http://[fd00::1]/hook'],
    ['IPv6 link-local', 'http://[fe80::1]/hook'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/hook'],
    ['IPv4-mapped IPv6 metadata', 'http://[::ffff:a9fe:a9fe]/hook'],
    ['not http(s)', 'ftp://93.184.216.34/hook'],
    ['file', 'file:///etc/passwd'],
  ])('refuses a %s URL with 400, creating nothing', async (_, url) => {
    const problem = expectProblem(await desk.admin.post('/v1/webhooks', { url, events: ['reminder.due'] }), 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([{ field: 'url', message: expect.any(String) }]);
    expect((await desk.admin.get('/v1/webhooks')).body.items).toEqual([]);
  });

  it('lets only admins manage webhooks, and validates the events', async () => {
    expectProblem(await desk.editor.post('/v1/webhooks', { url: 'https://93.184.216.34/hook', events: ['reminder.due'] }), 403, 'FORBIDDEN');
    expectProblem(await desk.checker.get('/v1/webhooks'), 403, 'FORBIDDEN');
    expectProblem(await desk.admin.post('/v1/webhooks', { url: 'https://93.184.216.34/hook', events: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await desk.admin.post('/v1/webhooks', { url: 'https://93.184.216.34/hook', events: ['claim.deleted'] }), 400, 'VALIDATION_FAILED');
  });

  it('registers a public URL, shows its secret once, lists it, and deletes it', async () => {
    const created = await desk.admin.post('/v1/webhooks', { url: 'https://93.184.216.34/hook', events: ['reminder.due', 'claim.published'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      url: 'https://93.184.216.34/hook',
      events: ['reminder.due', 'claim.published'],
      secret: expect.stringMatching(/^whsec_/),
    });
    const listed = (await desk.admin.get('/v1/webhooks')).body;
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).not.toHaveProperty('secret');
    expect(listed.nextCursor).toBeNull();
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    const stored = await db.query(`SELECT secret_sealed FROM webhooks WHERE id = $1`, [created.body.id]);
    await db.end();
    expect(stored.rows[0].secret_sealed).not.toContain(created.body.secret.slice(6));
    expect((await desk.admin.delete(`/v1/webhooks/${created.body.id}`)).status).toBe(204);
    expect((await desk.admin.get('/v1/webhooks')).body.items).toEqual([]);
    expectProblem(await desk.admin.delete(`/v1/webhooks/${created.body.id}`), 404, 'NOT_FOUND');
  });

  it('refuses to connect to a private address at delivery time too (DNS can change after registration)', async () => {
    const receiver = await new WebhookReceiver().start();
    try {
      const own = await createDesk(t, 'rebinding');
      const created = await own.admin.post('/v1/webhooks', { url: 'https://93.184.216.34/hook', events: ['reminder.due'] });
      // As if the registered host now resolved to loopback.
      const db = new Client({ connectionString: t.db.url });
      await db.connect();
      await db.query(`UPDATE webhooks SET url = $2 WHERE id = $1`, [created.body.id, receiver.url]);
      await db.end();
      const { body: claim } = await createClaim(own.checker, { assigneeId: own.checker.userId });
      const { body: reminder } = await own.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Should not leave', in: 'PT1S' });
      const dead = await waitFor(
        async () => {
          const items = (await own.checker.get(`/v1/reminders/${reminder.id}/deliveries`)).body.items as Array<{
            channel: string;
            status: string;
            lastError: string;
          }>;
          return items.find((d) => d.channel === 'webhook' && d.status === 'dead');
        },
        { timeoutMs: 10_000, what: 'the refused delivery' },
      );
      expect(dead.lastError).toMatch(/not allowed/i);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.stop();
    }
  });
  it("lists a webhook's delivery log newest first, a page at a time, and retries a dead delivery", async () => {
    const own = await createDesk(t, 'delivery-log');
    const created = await own.admin.post('/v1/webhooks', { url: 'https://93.184.216.34/hook', events: ['claim.created'] });
    // A loopback address is refused at delivery time (WEBHOOK_ALLOW_PRIVATE=false): each delivery ends dead at once.
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    await db.query(`UPDATE webhooks SET url = 'http://127.0.0.1:9/hook' WHERE id = $1`, [created.body.id]);
    await db.end();
    await createClaim(own.checker, { text: 'The first claim sent to the webhook' });
    await createClaim(own.checker, { text: 'The second claim sent to the webhook' });
    const path = `/v1/webhooks/${created.body.id}/deliveries`;
    const log = await waitFor(
      async () => {
        const items = (await own.admin.get(path)).body.items as Array<{ id: string; status: string; createdAt: string }>;
        return items.length === 2 && items.every((d) => d.status === 'dead') ? items : undefined;
      },
      { timeoutMs: 10_000, what: 'two dead deliveries' },
    );
    expect(log).toEqual([
      expect.objectContaining({
        id: expect.any(String),
        event: 'claim.created',
        status: 'dead',
        attempts: expect.any(Number),
        lastError: expect.stringMatching(/not allowed/i),
      }),
      expect.objectContaining({ event: 'claim.created', status: 'dead', deliveredAt: null, nextAttemptAt: null, createdAt: expect.any(String) }),
    ]);
    expect(Date.parse(log[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(log[1].createdAt));

    const page1 = await own.admin.get(`${path}?limit=1`);
    expect(page1.body.items).toEqual([log[0]]);
    const page2 = await own.admin.get(`${path}?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toEqual({ items: [log[1]], nextCursor: null });

    const retried = await own.admin.post(`/v1/deliveries/${log[1].id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body.status).toBe('pending');

    expectProblem(await own.editor.get(path), 403, 'FORBIDDEN');
    expectProblem(await desk.admin.get(path), 404, 'NOT_FOUND');
    expectProblem(await own.admin.get(`${path}?cursor=garbage`), 400, 'VALIDATION_FAILED');
  });
});
