import { simpleParser } from 'mailparser';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim, transition } from './support/claims';
import { expectProblem } from './support/http';
import { SmtpSink, verifySignature, WebhookReceiver } from './support/receivers';
import { sleep, waitFor } from './support/wait';

/** Firing and delivery, with the workers in the test process (APP_ROLE=all). */
describe('reminders firing into inbox, e-mail and webhooks', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startApp({ smtpUrl: smtp.url, deliveryRetryBaseMs: 100, deliveryMaxAttempts: 3 });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function deskWithWebhook(events: string[] = ['reminder.due']): Promise<{ desk: Desk; receiver: WebhookReceiver; secret: string; webhookId: string }> {
    const desk = await createDesk(t);
    const receiver = await new WebhookReceiver().start();
    const hook = await desk.admin.post('/v1/webhooks', { url: receiver.url, events });
    expect(hook.status).toBe(201);
    expect(hook.body.secret).toMatch(/^whsec_/);
    return { desk, receiver, secret: hook.body.secret, webhookId: hook.body.id };
  }

  it('a reminder in PT2S reaches the inbox, the SMTP sink and a signed webhook within 2 s of dueAt', async () => {
    const { desk, receiver, secret, webhookId } = await deskWithWebhook();
    try {
      const { body: claim } = await createClaim(desk.checker, {
        kind: 'promise',
        text: 'The money Kenya spent will be reimbursed',
        assigneeId: desk.checker.userId,
      });
      const { body: reminder } = await desk.editor.post(`/v1/claims/${claim.id}/reminders`, { message: 'Has Kenya been repaid yet?', in: 'PT2S' });
      const dueAt = Date.parse(reminder.dueAt);

      const inbox = await waitFor(async () => (await desk.checker.get('/v1/me/notifications?unread=true')).body.items[0], {
        timeoutMs: 8000,
        what: 'the inbox entry',
      });
      expect(inbox).toEqual({
        id: expect.any(String),
        type: 'reminder.due',
        claimId: claim.id,
        reminderId: reminder.id,
        message: 'Has Kenya been repaid yet?',
        createdAt: expect.any(String),
        readAt: null,
      });
      expect(Date.parse(inbox.createdAt) - dueAt).toBeGreaterThanOrEqual(0);
      expect(Date.parse(inbox.createdAt) - dueAt).toBeLessThan(2000);

      const [hook] = await waitFor(() => (receiver.ofType('reminder.due').length ? receiver.ofType('reminder.due') : null), { what: 'the webhook' });
      expect(hook.at - dueAt).toBeLessThan(2000);
      expect(verifySignature(secret, hook)).toBe(true);
      expect(verifySignature('whsec_' + Buffer.from('another secret entirely!').toString('base64'), hook)).toBe(false);
      expect(hook.json).toEqual({
        type: 'reminder.due',
        timestamp: expect.any(String),
        data: {
          reminderId: reminder.id,
          claimId: claim.id,
          occurrence: 1,
          message: 'Has Kenya been repaid yet?',
          dueAt: reminder.dueAt,
          claim: { id: claim.id, text: claim.text, status: 'submitted' },
        },
      });

      const checkerEmail = (await desk.checker.get('/v1/me')).body.email;
      const mail = await waitFor(() => smtp.mails.find((m) => m.to.includes(checkerEmail)), { what: 'the e-mail' });
      const { text } = await simpleParser(mail.raw);
      // The due time as people read it, in the workspace's zone (UTC here), and a way back to the claim.
      const due = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(reminder.dueAt));
      expect(text).toContain('Has Kenya been repaid yet?');
      expect(text).toContain(`Due: ${due} (UTC)`);
      expect(text).toContain(`${t.config.publicUrl}/claims/${claim.id}`);

      const done = (await desk.checker.get(`/v1/reminders/${reminder.id}`)).body;
      expect(done).toMatchObject({ status: 'done', firedCount: 1, lastFiredAt: expect.any(String) });
      const deliveries = await waitFor(
        async () => {
          const items = (await desk.checker.get(`/v1/reminders/${reminder.id}/deliveries`)).body.items as Array<{ status: string }>;
          return items.length === 3 && items.every((d) => d.status === 'delivered') ? items : null;
        },
        { what: 'three delivered deliveries' },
      );
      const byChannel = Object.fromEntries(deliveries.map((d: any) => [d.channel, d]));
      expect(byChannel.inbox).toMatchObject({ target: desk.checker.userId, occurrence: 1, attempts: 1 });
      expect(byChannel.email).toMatchObject({ target: checkerEmail, occurrence: 1, attempts: 1 });
      expect(byChannel.webhook).toMatchObject({ target: webhookId, occurrence: 1, attempts: 1 });
      expect(hook.headers['webhook-id']).toBe(byChannel.webhook.id);

      const history = (await desk.checker.get(`/v1/claims/${claim.id}/history`)).body.items;
      expect(history.at(-1)).toMatchObject({ type: 'reminder.fired', actor: null, data: { reminderId: reminder.id, occurrence: 1 } });

      const read = await desk.checker.post(`/v1/me/notifications/${inbox.id}/read`);
      expect(read.status).toBe(204);
      expect((await desk.checker.get('/v1/me/notifications?unread=true')).body.items).toEqual([]);
      expect((await desk.checker.get('/v1/me/notifications')).body.items[0].readAt).toEqual(expect.any(String));
      expectProblem(await desk.editor.post(`/v1/me/notifications/${inbox.id}/read`), 404, 'NOT_FOUND');
    } finally {
      await receiver.stop();
    }
  });

  it("reaches the workspace's editors and admins when the claim has no assignee", async () => {
    const desk = await createDesk(t);
    const { body: claim } = await createClaim(desk.checker);
    await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Unassigned claim, please look', in: 'PT1S' });
    for (const user of [desk.editor, desk.editor2, desk.admin]) {
      await waitFor(async () => (await user.get('/v1/me/notifications')).body.items.length === 1, { what: 'an editor or admin inbox entry' });
    }
    expect((await desk.checker.get('/v1/me/notifications')).body.items).toEqual([]);
  });

  it('a recurring reminder fires once per interval until `until`, then is done', async () => {
    const desk = await createDesk(t);
    const { body: claim } = await createClaim(desk.checker, { assigneeId: desk.checker.userId });
    const first = new Date(Date.now() + 1000);
    const { body: reminder } = await desk.checker.post(`/v1/claims/${claim.id}/reminders`, {
      message: 'Again',
      at: first.toISOString(),
      every: 'PT1S',
      until: new Date(first.getTime() + 2500).toISOString(),
    });
    const done = await waitFor(
      async () => {
        const r = (await desk.checker.get(`/v1/reminders/${reminder.id}`)).body;
        return r.status === 'done' ? r : null;
      },
      { timeoutMs: 10_000, what: 'the series to end' },
    );
    expect(done.firedCount).toBe(3);
    await sleep(1500);
    const inbox = (await desk.checker.get('/v1/me/notifications')).body.items.filter((n: { reminderId: string }) => n.reminderId === reminder.id);
    expect(inbox).toHaveLength(3);
    const occurrences = (await desk.checker.get(`/v1/reminders/${reminder.id}/deliveries`)).body.items
      .filter((d: { channel: string }) => d.channel === 'inbox')
      .map((d: { occurrence: number }) => d.occurrence);
    expect(occurrences).toEqual([1, 2, 3]);
  });

  it('a reminder cancelled before it is due never fires', async () => {
    const desk = await createDesk(t);
    const { body: claim } = await createClaim(desk.checker, { assigneeId: desk.checker.userId });
    const { body: reminder } = await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Never', in: 'PT2S' });
    expect((await desk.checker.delete(`/v1/reminders/${reminder.id}`)).status).toBe(204);
    await sleep(3500);
    expect((await desk.checker.get(`/v1/reminders/${reminder.id}`)).body).toMatchObject({ status: 'cancelled', firedCount: 0 });
    expect((await desk.checker.get('/v1/me/notifications')).body.items).toEqual([]);
    expect((await desk.checker.get(`/v1/reminders/${reminder.id}/deliveries`)).body.items).toEqual([]);
  });

  it('a webhook that fails twice succeeds on the third try, with one webhook-id', async () => {
    const { desk, receiver, secret } = await deskWithWebhook();
    try {
      receiver.answers = [500, 503];
      const { body: claim } = await createClaim(desk.checker, { assigneeId: desk.checker.userId });
      const { body: reminder } = await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Retry me', in: 'PT1S' });
      const calls = await waitFor(() => (receiver.received.length >= 3 ? receiver.received : null), { timeoutMs: 10_000, what: 'three attempts' });
      expect(new Set(calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
      expect(new Set(calls.map((c) => c.body)).size).toBe(1);
      expect(calls.every((c) => verifySignature(secret, c))).toBe(true);
      const webhook = await waitFor(
        async () => {
          const items = (await desk.checker.get(`/v1/reminders/${reminder.id}/deliveries`)).body.items as Array<{
            id: string;
            channel: string;
            status: string;
          }>;
          return items.find((d) => d.channel === 'webhook' && d.status === 'delivered');
        },
        { what: 'the delivery to be delivered' },
      );
      expect(webhook).toMatchObject({ attempts: 3, lastError: null, id: calls[0].headers['webhook-id'] });
    } finally {
      await receiver.stop();
    }
  });

  it('a delivery is dead after DELIVERY_MAX_ATTEMPTS; a manual retry delivers it under the same webhook-id', async () => {
    const { desk, receiver } = await deskWithWebhook();
    try {
      receiver.answers = [500, 500, 500];
      const { body: claim } = await createClaim(desk.checker, { assigneeId: desk.checker.userId });
      const { body: reminder } = await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Dead letter', in: 'PT1S' });
      const dead = await waitFor(
        async () => {
          const items = (await desk.checker.get(`/v1/reminders/${reminder.id}/deliveries`)).body.items as Array<{
            id: string;
            channel: string;
            status: string;
          }>;
          return items.find((d) => d.channel === 'webhook' && d.status === 'dead');
        },
        { timeoutMs: 10_000, what: 'a dead delivery' },
      );
      expect(dead).toMatchObject({ attempts: 3, lastError: 'HTTP 500' });
      expectProblem(await desk.checker.post(`/v1/deliveries/${(dead as { id: string }).id}/retry`), 403, 'FORBIDDEN');
      const retried = await desk.editor.post(`/v1/deliveries/${(dead as { id: string }).id}/retry`);
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ id: (dead as { id: string }).id, status: 'pending' });
      await waitFor(
        async () => {
          const items = (await desk.checker.get(`/v1/reminders/${reminder.id}/deliveries`)).body.items as Array<{
            id: string;
            channel: string;
            status: string;
          }>;
          return items.find((d) => d.channel === 'webhook' && d.status === 'delivered');
        },
        { what: 'the retried delivery' },
      );
      expect(receiver.received).toHaveLength(4);
      expect(new Set(receiver.received.map((c) => c.headers['webhook-id'])).size).toBe(1);
      expectProblem(await desk.editor.post(`/v1/deliveries/${(dead as { id: string }).id}/retry`), 409, 'CONFLICT');
    } finally {
      await receiver.stop();
    }
  });

  it('410 Gone from a receiver disables that webhook', async () => {
    const { desk, receiver, webhookId } = await deskWithWebhook();
    try {
      receiver.answers = [410];
      const { body: claim } = await createClaim(desk.checker, { assigneeId: desk.checker.userId });
      await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Gone', in: 'PT1S' });
      const disabled = await waitFor(
        async () => {
          const hook = (await desk.admin.get(`/v1/webhooks/${webhookId}`)).body;
          return hook.active === false ? hook : null;
        },
        { what: 'the webhook to be disabled' },
      );
      expect(disabled.disabledReason).toContain('410');
      await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Not sent', in: 'PT1S' });
      await sleep(2500);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.stop();
    }
  });

  it('delivers claim.created, claim.transitioned and claim.published from the outbox, signed', async () => {
    const { desk, receiver, secret } = await deskWithWebhook(['claim.created', 'claim.transitioned', 'claim.published']);
    try {
      const { body: claim } = await createClaim(desk.checker);
      await transition(desk.checker, claim.id, { to: 'in_research' });
      await desk.checker.post(`/v1/claims/${claim.id}/evidence`, { description: 'Budget', stance: 'supports' });
      await transition(desk.checker, claim.id, { to: 'in_review', verdict: { rating: 'true', summary: 'Confirmed.' } });
      await transition(desk.editor, claim.id, { to: 'published' });
      await waitFor(() => receiver.received.length >= 5, { what: 'five webhook calls' });
      expect(receiver.received.map((r) => r.json.type).sort()).toEqual([
        'claim.created',
        'claim.published',
        'claim.transitioned',
        'claim.transitioned',
        'claim.transitioned',
      ]);
      expect(receiver.received.every((r) => verifySignature(secret, r))).toBe(true);
      expect(receiver.ofType('claim.published')[0].json.data).toMatchObject({ claim: { id: claim.id, status: 'published' }, verdict: { rating: 'true' } });
      expect(
        receiver
          .ofType('claim.transitioned')
          .map((r) => r.json.data.to)
          .sort(),
      ).toEqual(['in_research', 'in_review', 'published']);
    } finally {
      await receiver.stop();
    }
  });

  it('reports queues on /health and exports queue depths, deliveries and lateness on /metrics', async () => {
    const health = await t.http.get('/health');
    expect(health.body.queues.reminders).toEqual({
      workers: expect.any(Number),
      waiting: expect.any(Number),
      delayed: expect.any(Number),
      active: expect.any(Number),
      failed: expect.any(Number),
    });
    expect(health.body.queues.reminders.workers).toBeGreaterThan(0);
    const metrics = (await t.http.get('/metrics')).text;
    expect(metrics).toMatch(/claimtrack_queue_jobs\{queue="reminders",state="delayed"\} \d+/);
    expect(metrics).toMatch(/claimtrack_deliveries\{status="delivered"\} [1-9]\d*/);
    expect(metrics).toMatch(/claimtrack_reminder_lateness_seconds_count [1-9]\d*/);
    expect(metrics).toMatch(/claimtrack_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/v1\/claims",status="201"\} \d+/);
  });
});
