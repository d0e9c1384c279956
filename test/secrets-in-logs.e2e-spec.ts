import { randomBytes } from 'node:crypto';
import { adminQuery, DATABASE_PREFIX, databaseUrl } from './support/databases';
import { SmtpSink, WebhookReceiver } from './support/receivers';
import { ServiceProcess } from './support/service-process';
import { TEST_REDIS_URL } from './support/services';
import { waitFor } from './support/wait';
import { freePort } from './support/ports';

/**
 * Every credential the service hands out or is handed, used the way people and integrations use
 * them, with the most talkative log level: none of them may appear in the process's output. The
 * built service runs as `npm start` runs it, API and worker in one process, so the worker's
 * lines (webhook deliveries, e-mail) are read too.
 */
describe('secrets never reach the logs', () => {
  const database = `${DATABASE_PREFIX}_logs_${randomBytes(4).toString('hex')}`;
  const secrets: Record<string, string> = {
    ADMIN_TOKEN: `admin-${randomBytes(12).toString('hex')}`,
    'the database password': `dbpw${randomBytes(8).toString('hex')}`,
    SECRETS_KEY: randomBytes(32).toString('base64'),
  };
  let service: ServiceProcess;
  let smtp: SmtpSink;
  let receiver: WebhookReceiver;
  let base: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    receiver = await new WebhookReceiver().start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // PostgreSQL here trusts local connections, so the password is carried but never needed.
    const url = new URL(databaseUrl(database));
    url.password = secrets['the database password'];
    service = new ServiceProcess({
      APP_ROLE: 'all',
      PORT: String(port),
      PUBLIC_URL: base,
      LOG_LEVEL: 'trace',
      DATABASE_URL: url.toString(),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `logs${randomBytes(3).toString('hex')}`,
      ADMIN_TOKEN: secrets.ADMIN_TOKEN,
      SECRETS_KEY: secrets.SECRETS_KEY,
      SMTP_URL: smtp.url,
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    await service.waitForLog(/claimtrack listening/, 60_000);
  }, 90_000);

  afterAll(async () => {
    await service?.stop();
    await smtp?.stop();
    await receiver?.stop();
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  async function call(method: string, path: string, { token, cookie, body }: { token?: string; cookie?: string; body?: unknown } = {}) {
    const response = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(cookie ? { cookie, origin: base } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined,
      text,
    };
  }

  const codeFromMail = async (to: string, path: string): Promise<string> => {
    const pattern = new RegExp(`${path}/([A-Za-z0-9_-]{20,})`);
    const mail = await waitFor(() => smtp.mails.find((m) => m.to.includes(to) && pattern.test(m.raw.replace(/=\r?\n/g, ''))), { what: `mail to ${to}` });
    return pattern.exec(mail.raw.replace(/=\r?\n/g, ''))![1];
  };

  it('logs none of them, at LOG_LEVEL=trace, through sign-in, resets, tokens, webhooks and calendar feeds', async () => {
    const suffix = randomBytes(3).toString('hex');
    const email = `checker-${suffix}@desk.example`;
    const workspace = await call('POST', '/v1/workspaces', {
      token: secrets.ADMIN_TOKEN,
      body: { name: `Logs ${suffix}`, adminEmail: `admin-${suffix}@desk.example` },
    });
    expect(workspace.status).toBe(201);
    secrets['a workspace admin token'] = workspace.json.admin.token;
    const admin = secrets['a workspace admin token'];
    const user = await call('POST', '/v1/users', { token: admin, body: { email, name: 'Amina Checker', role: 'checker' } });
    secrets['a user token'] = user.json.token;

    const invitation = await call('POST', `/v1/users/${user.json.id}/invitations`, { token: admin });
    secrets['an invitation code'] = invitation.json.url.split('/').pop();
    expect(await codeFromMail(email, '/invite')).toBe(secrets['an invitation code']);
    expect((await call('GET', `/v1/auth/invitations/${secrets['an invitation code']}`)).status).toBe(200);
    secrets['a password'] = `Saffron-lantern-${randomBytes(4).toString('hex')}`;
    const accepted = await call('POST', `/v1/auth/invitations/${secrets['an invitation code']}`, { body: { password: secrets['a password'] } });
    expect(accepted.status).toBe(200);

    expect((await call('POST', '/v1/auth/login', { body: { email, password: `${secrets['a password']}-wrong` } })).status).toBe(401);
    const login = await call('POST', '/v1/auth/login', { body: { email, password: secrets['a password'] } });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0].split(';')[0];
    secrets['a session value'] = cookie.split('=')[1];
    expect((await call('GET', '/v1/me', { cookie })).status).toBe(200);
    expect((await call('GET', '/v1/claims', { cookie })).status).toBe(200);

    expect((await call('POST', '/v1/auth/password-resets', { body: { email } })).status).toBe(202);
    secrets['a reset code'] = await codeFromMail(email, '/reset');
    secrets['a new password'] = `Marigold-compass-${randomBytes(4).toString('hex')}`;
    expect((await call('POST', `/v1/auth/password-resets/${secrets['a reset code']}`, { body: { password: secrets['a new password'] } })).status).toBe(204);
    expect((await call('POST', '/v1/auth/login', { body: { token: secrets.ADMIN_TOKEN } })).status).toBe(200);

    const rotated = await call('POST', `/v1/users/${user.json.id}/tokens`, { token: admin });
    secrets['a rotated token'] = rotated.json.token;

    const calendar = await call('POST', '/v1/me/calendar', { token: secrets['a rotated token'] });
    expect(calendar.status).toBe(201);
    secrets['a calendar address'] = new URL(calendar.json.url).pathname
      .split('/')
      .pop()!
      .replace(/\.ics$/, '');
    expect((await call('GET', new URL(calendar.json.url).pathname)).status).toBe(200);

    const webhook = await call('POST', '/v1/webhooks', { token: admin, body: { url: receiver.url, events: ['claim.transitioned', 'claim.created'] } });
    expect(webhook.status).toBe(201);
    secrets['a webhook secret'] = webhook.json.secret;
    const claim = await call('POST', '/v1/claims', {
      token: secrets['a rotated token'],
      body: { text: 'The county will open three new clinics before the rains', kind: 'promise', claimant: { name: 'Governor Halima Odera' } },
    });
    expect(claim.status).toBe(201);
    await waitFor(() => receiver.received.length > 0, { what: 'a webhook delivery' });
    // What the desk asks about a claim it has not tracked yet is a draft, not a line of the log.
    secrets['a draft claim'] = `Draft-${randomBytes(6).toString('hex')}`;
    const draft = await call('GET', `/v1/claims/similar?text=${encodeURIComponent(`The clinics ${secrets['a draft claim']} will open`)}`, { token: admin });
    expect(draft.status).toBe(200);
    expect(draft.headers.get('cache-control')).toBe('no-store');

    // The same credentials in addresses that match no route: a trailing slash, another method, another case.
    const misses: Array<[string, string]> = [
      ['GET', `/v1/auth/invitations/${secrets['an invitation code']}/`],
      ['PUT', `/v1/auth/password-resets/${secrets['a reset code']}`],
      ['OPTIONS', `/v1/auth/invitations/${secrets['an invitation code']}`],
      ['GET', `/CAL/${secrets['a calendar address']}.ics`],
      ['GET', `/invite/${secrets['an invitation code']}/again`],
    ];
    for (const [method, path] of misses) {
      const missed = await call(method, path);
      expect(missed.status).toBeGreaterThanOrEqual(400);
      expect(missed.text).not.toContain(secrets['an invitation code']);
      expect(missed.text).not.toContain(secrets['a reset code']);
      expect(missed.text).not.toContain(secrets['a calendar address']);
    }

    await waitFor(() => /"url":"\/v1\/claims\/similar\?text=\[redacted\]"/.test(service.stdout), { what: 'the request lines to be written' });
    const output = service.stdout + service.stderr;
    expect(output).toMatch(/"url":"\/v1\/auth\/invitations\/\[redacted\]"/);
    for (const [what, value] of Object.entries(secrets)) {
      expect({ what, found: output.includes(value) }).toEqual({ what, found: false });
    }
    // The webhook secret is sent only as a signature key: not even its base64 body is logged.
    expect(output.includes(secrets['a webhook secret'].replace(/^whsec_/, ''))).toBe(false);
  });
});
