import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { SmtpSink } from './support/receivers';
import { waitFor } from './support/wait';

/**
 * Invitation and password-reset e-mails are deliveries like any other (docs/api.md, "Sign-in"):
 * written with their code, retried while the mail server is down, sent once it is back — and
 * the link they carry is stored sealed, never as text a database reader could use.
 */
describe('sign-in e-mails through a mail server outage', () => {
  let t: TestApp;
  let desk: Desk;
  let db: Client;
  let smtp: SmtpSink;
  let port: number;

  beforeAll(async () => {
    // A port where a mail server was and is no more: the service starts during the outage.
    const gone = await new SmtpSink().start();
    port = gone.port;
    await gone.stop();
    t = await startApp({ smtpUrl: `smtp://127.0.0.1:${port}`, deliveryRetryBaseMs: 100 });
    desk = await createDesk(t);
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    await smtp?.stop();
  });

  it('keeps the invitation and reset e-mails while SMTP is down and sends each once when it is back, the links sealed at rest', async () => {
    const email = `outage.${randomBytes(3).toString('hex')}@desk.example`;
    const user = (await desk.admin.post('/v1/users', { email, name: 'Nafula Wekesa', role: 'checker' })).body;
    const invitation = await desk.admin.post(`/v1/users/${user.id}/invitations`);
    expect(invitation.status).toBe(201);
    const inviteCode = new URL(invitation.body.url).pathname.split('/').pop()!;
    const accepted = await t.http.post(`/v1/auth/invitations/${inviteCode}`, { password: 'Copper-kettle-harbour-9' });
    expect(accepted.status).toBe(200);
    // A second invitation was never asked for, so only the reset e-mail is asked for now.
    expect((await t.http.post('/v1/auth/password-resets', { email })).status).toBe(202);

    const attempts = () =>
      db.query<{ status: string; attempts: number; last_error: string | null }>(
        `SELECT d.status, d.attempts, d.last_error FROM deliveries d JOIN outbox_events e ON e.id = d.event_id WHERE e.type = 'sign_in' AND d.target = $1`,
        [email],
      );
    await waitFor(
      async () => {
        const rows = (await attempts()).rows;
        return rows.length === 2 && rows.every((r) => r.attempts >= 2);
      },
      { what: 'failed attempts while SMTP is down' },
    );
    const failing = (await attempts()).rows;
    expect(failing).toHaveLength(2);
    for (const row of failing) {
      expect(row.status).toBe('failed'); // for now: another attempt is planned
      expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    }

    // At rest, neither link is readable.
    const stored = await db.query<{ notice: unknown }>(`SELECT notice FROM outbox_events WHERE type = 'sign_in'`);
    expect(stored.rows).toHaveLength(2);
    expect(JSON.stringify(stored.rows)).not.toContain(inviteCode);
    expect(JSON.stringify(stored.rows)).not.toMatch(/\/reset\//);

    smtp = await new SmtpSink().start(port);
    const mails = await waitFor(
      () => {
        const to = smtp.mails.filter((m) => m.to.includes(email)).map((m) => m.raw.replace(/=\r?\n/g, ''));
        return to.length === 2 ? to : undefined;
      },
      { what: 'both e-mails once SMTP is back', timeoutMs: 15_000 },
    );
    expect(mails.some((raw) => raw.includes(`/invite/${inviteCode}`))).toBe(true);
    const resetCode = /\/reset\/([A-Za-z0-9_-]{43})/.exec(mails.find((raw) => raw.includes('/reset/'))!)![1];
    expect((await t.http.post(`/v1/auth/password-resets/${resetCode}`, { password: 'Quartz-meadow-lantern-4' })).status).toBe(204);
    expect((await attempts()).rows.map((r) => r.status)).toEqual(['delivered', 'delivered']);
    // Sent once each: no second copy follows.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails.filter((m) => m.to.includes(email))).toHaveLength(2);
  });
});
