import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDesk, startApp, type TestApp } from './support/app';
import { sendJobs } from '../src/notifications/delivery-jobs';
import { JobQueue } from '../src/queues/job-queue.service';
import { createClaim } from './support/claims';
import { SmtpSink, verifySignature, WebhookReceiver } from './support/receivers';
import { sleep, waitFor } from './support/wait';

interface DeliveryItem {
  id: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/** One send job carries a whole batch of deliveries; one that cannot succeed must not sink the others. */
describe('a batch of deliveries with one that can never succeed', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startApp({ smtpUrl: smtp.url, deliveryRetryBaseMs: 100, deliveryMaxAttempts: 3 });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await t.close();
    await smtp.stop();
  });

  it('records each outcome on its own: the healthy deliveries arrive exactly once, the undecryptable webhook is dead and says why', async () => {
    const desk = await createDesk(t, 'batch');
    const hooks: Array<{ id: string; secret: string; receiver: WebhookReceiver }> = [];
    for (let i = 0; i < 4; i++) {
      const receiver = await new WebhookReceiver().start();
      receivers.push(receiver);
      const created = await desk.admin.post('/v1/webhooks', { url: receiver.url, events: ['reminder.due'] });
      expect(created.status).toBe(201);
      hooks.push({ id: created.body.id, secret: created.body.secret, receiver });
    }
    // As if SECRETS_KEY had changed since the third webhook was registered: its sealed secret no longer opens.
    const broken = hooks[2];
    const garbage = ['v1', randomBytes(12), randomBytes(16), randomBytes(40)].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    try {
      expect((await db.query(`UPDATE webhooks SET secret_sealed = $2 WHERE id = $1`, [broken.id, garbage])).rowCount).toBe(1);
    } finally {
      await db.end();
    }

    const { body: claim } = await createClaim(desk.checker, { assigneeId: desk.checker.userId });
    const { body: reminder } = await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'One bad apple', in: 'PT1S' });
    const settled = await waitFor(
      async () => {
        const items = (await desk.checker.get(`/v1/reminders/${reminder.id}/deliveries`)).body.items as DeliveryItem[];
        return items.length === 6 && items.every((d) => d.status === 'delivered' || d.status === 'dead') ? items : null;
      },
      { timeoutMs: 10_000, what: 'every delivery of the batch to be recorded' },
    );

    const webhookDeliveries = settled.filter((d) => d.channel === 'webhook');
    expect(webhookDeliveries).toHaveLength(4);
    for (const hook of hooks) {
      const delivery = webhookDeliveries.find((d) => d.target === hook.id)!;
      if (hook === broken) {
        expect(delivery).toMatchObject({ status: 'dead', attempts: 1 });
        expect(delivery.lastError).toMatch(/signing secret cannot be decrypted/);
        expect(delivery.lastError).toMatch(/SECRETS_KEY/);
      } else {
        expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
      }
    }
    expect(settled.find((d) => d.channel === 'email')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(settled.find((d) => d.channel === 'inbox')).toMatchObject({ status: 'delivered' });

    // Long enough for the sweep (every second) to have sent anything left unrecorded again.
    await sleep(2500);
    for (const hook of hooks) {
      if (hook === broken) {
        expect(hook.receiver.received).toHaveLength(0);
        continue;
      }
      expect(hook.receiver.received).toHaveLength(1);
      expect(verifySignature(hook.secret, hook.receiver.received[0])).toBe(true);
      expect(hook.receiver.received[0].headers['webhook-id']).toBe(webhookDeliveries.find((d) => d.target === hook.id)!.id);
    }
    const checkerEmail = (await desk.checker.get('/v1/me')).body.email as string;
    expect(smtp.mails.filter((m) => m.to.includes(checkerEmail))).toHaveLength(1);
  });
});

/**
 * A batch can take longer than one lease to send: here 50 e-mails through a mail server that
 * takes 1.7 s to accept each, over the five SMTP connections a worker keeps, about 17 s against
 * a 15 s lease. The worker renews its lease while it sends, so the sweep (every second) never
 * gives the rest of the batch to another job and nothing is sent twice.
 */
describe('a batch that takes longer than its lease to send', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let db: Client;
  beforeAll(async () => {
    smtp = await new SmtpSink(1700).start();
    t = await startApp({ smtpUrl: smtp.url });
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
    await smtp.stop();
  });

  it('sends each e-mail once and records each as delivered once', async () => {
    const desk = await createDesk(t, 'slow-mail');
    // Fifty e-mail deliveries of one event and their send job, as the dispatcher writes them
    // (written here directly: how they came to be is not what is tested).
    const { rows: events } = await db.query<{ id: string }>(
      `INSERT INTO outbox_events (workspace_id, type, payload, notice, dispatched_at)
       VALUES ($1, 'reminder.due', '{}'::jsonb, '{"title": "Slow mail", "text": "Sent once, however slow the server."}'::jsonb, now()) RETURNING id`,
      [desk.workspaceId],
    );
    const { rows: deliveries } = await db.query<{ id: string; target: string }>(
      `INSERT INTO deliveries (workspace_id, event_id, channel, target, status, attempts, max_attempts, next_attempt_at)
       SELECT $1, $2, 'email', 'reader' || g || '@slow-mail.example', 'pending', 0, 5, now()
         FROM generate_series(1, 50) g RETURNING id, target`,
      [desk.workspaceId, events[0].id],
    );
    await t.app.get(JobQueue).enqueueMany(sendJobs(deliveries.map((d) => ({ id: d.id, attempt: 1 }))));

    await waitFor(
      async () => ((await db.query(`SELECT 1 FROM deliveries WHERE event_id = $1 AND status <> 'delivered'`, [events[0].id])).rowCount === 0 ? true : null),
      { timeoutMs: 60_000, intervalMs: 250, what: 'all 50 e-mails to be recorded as delivered' },
    );
    await sleep(3000); // a resend would come from the sweep within a second or two

    const sent = smtp.mails.filter((m) => m.to.some((to) => to.endsWith('@slow-mail.example')));
    expect(sent).toHaveLength(50);
    expect(new Set(sent.map((m) => m.to[0]))).toEqual(new Set(deliveries.map((d) => d.target)));
    const { rows } = await db.query(`SELECT attempts, status FROM deliveries WHERE event_id = $1`, [events[0].id]);
    expect(rows.every((r) => r.attempts === 1 && r.status === 'delivered')).toBe(true);
  }, 90_000);
});
