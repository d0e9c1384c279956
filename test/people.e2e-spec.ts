import { simpleParser } from 'mailparser';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { expectProblem, type HttpResponse } from './support/http';
import { SmtpSink } from './support/receivers';
import { waitFor } from './support/wait';

const STRONG = 'Haiti mission ledger 2.1bn, still unpaid!';
const OTHER_STRONG = 'Mombasa ferry timetable: the 7:40 never leaves';

/** The claimtrack_session value from a response's Set-Cookie, or undefined. */
function sessionFrom(response: HttpResponse): string | undefined {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('claimtrack_session='));
  return cookie?.split(';')[0].slice('claimtrack_session='.length);
}

describe('people sign in: invitations, passwords, sessions', () => {
  let t: TestApp;
  let desk: Desk;
  let smtp: SmtpSink;
  let db: Client;
  let origin: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startApp({ smtpUrl: smtp.url, trustProxy: true });
    origin = t.config.publicUrl;
    desk = await createDesk(t);
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
    await smtp.stop();
  });

  /** Requests carrying only the cookie, from the desk's own origin unless told otherwise. */
  const asSession = (cookie: string) => ({
    get: (path: string) => t.http.get(path, { headers: { cookie: `claimtrack_session=${cookie}` } }),
    send: (method: string, path: string, body?: unknown, headers: Record<string, string> = { origin }) =>
      t.http.request(method, path, { body, headers: { cookie: `claimtrack_session=${cookie}`, ...headers } }),
  });

  /** A new user of the desk's workspace who has accepted an invitation; returns their session cookie. */
  async function personWithPassword(role = 'checker', password = STRONG): Promise<{ id: string; email: string; cookie: string }> {
    const email = `p.${randomBytes(4).toString('hex')}@desk.example`;
    const user = await desk.admin.post('/v1/users', { email, name: 'Wanjiru Kamau', role });
    const invitation = await desk.admin.post(`/v1/users/${user.body.id}/invitations`);
    const code = new URL(invitation.body.url).pathname.split('/').pop()!;
    const accepted = await t.http.post(`/v1/auth/invitations/${code}`, { password });
    expect(accepted.status).toBe(200);
    return { id: user.body.id, email, cookie: sessionFrom(accepted)! };
  }

  const login = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.http.post('/v1/auth/login', body, { headers: { 'x-forwarded-for': '10.0.0.1', ...headers } });

  it('takes an invited person from the link to a session: weak passwords refused with a reason, the code used once', async () => {
    const email = `wanjiru.${randomBytes(3).toString('hex')}@desk.example`;
    const user = (await desk.admin.post('/v1/users', { email, name: 'Wanjiru Kamau', role: 'checker' })).body;
    const invitation = await desk.admin.post(`/v1/users/${user.id}/invitations`);
    expect(invitation.status).toBe(201);
    expect(invitation.body.url).toMatch(new RegExp(`^${origin}/invite/[A-Za-z0-9_-]{43}$`));
    expect(new Date(invitation.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const code = invitation.body.url.split('/').pop();
    const mail = await waitFor(() => smtp.mails.find((m) => m.to.includes(email) && m.raw.replace(/=\r?\n/g, '').includes(code)));
    const until = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(invitation.body.expiresAt));
    expect((await simpleParser(mail.raw)).text).toContain(`valid for 7 days, until ${until} UTC`);

    const info = await t.http.get(`/v1/auth/invitations/${code}`);
    expect(info.body).toEqual({ email, name: 'Wanjiru Kamau', workspace: { name: expect.stringMatching(/^desk /) }, expiresAt: invitation.body.expiresAt });

    for (const weak of ['short1!', 'password1234', email, 'qwertyuiop123']) {
      const refused = expectProblem(await t.http.post(`/v1/auth/invitations/${code}`, { password: weak }), 400, 'VALIDATION_FAILED');
      expect(refused.errors[0]).toEqual({ field: 'password', message: expect.any(String) });
    }
    expectProblem(await t.http.post(`/v1/auth/invitations/${code}`, { password: 'x'.repeat(129) }), 400, 'VALIDATION_FAILED');

    const accepted = await t.http.post(`/v1/auth/invitations/${code}`, { password: STRONG, name: 'Wanjiru K.' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: user.id, email, name: 'Wanjiru K.', role: 'checker' });
    const setCookie = accepted.headers.getSetCookie().find((c) => c.startsWith('claimtrack_session='))!;
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(setCookie).not.toMatch(/; Secure/i); // PUBLIC_URL is http here
    expect(Buffer.from(sessionFrom(accepted)!, 'base64url').length).toBeGreaterThanOrEqual(32);

    expect((await asSession(sessionFrom(accepted)!).get('/v1/me')).body.id).toBe(user.id);
    expectProblem(await t.http.get(`/v1/auth/invitations/${code}`), 404, 'NOT_FOUND');
    expectProblem(await t.http.post(`/v1/auth/invitations/${code}`, { password: STRONG }), 404, 'NOT_FOUND');

    const stored = await db.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const codes = await db.query('SELECT code_hash FROM sign_in_codes WHERE user_id = $1', [user.id]);
    expect(codes.rows.every((r: { code_hash: Buffer }) => !r.code_hash.toString('latin1').includes(code))).toBe(true);
  });

  it('voids earlier invitations when a new one is made; only an admin invites', async () => {
    const user = (await desk.admin.post('/v1/users', { email: `two.${randomBytes(3).toString('hex')}@desk.example`, name: 'Otieno', role: 'editor' })).body;
    const first = (await desk.admin.post(`/v1/users/${user.id}/invitations`)).body.url.split('/').pop();
    const second = (await desk.admin.post(`/v1/users/${user.id}/invitations`)).body.url.split('/').pop();
    expectProblem(await t.http.get(`/v1/auth/invitations/${first}`), 404, 'NOT_FOUND');
    expect((await t.http.get(`/v1/auth/invitations/${second}`)).status).toBe(200);
    expectProblem(await desk.editor.post(`/v1/users/${user.id}/invitations`), 403, 'FORBIDDEN');
    const other = await createDesk(t, 'other');
    expectProblem(await other.admin.post(`/v1/users/${user.id}/invitations`), 404, 'NOT_FOUND');
  });

  it('signs in with e-mail and password; every wrong credential is the same 401', async () => {
    const person = await personWithPassword();
    const ok = await login({ email: person.email.toUpperCase(), password: STRONG });
    expect(ok.status).toBe(200);
    expect(ok.body.id).toBe(person.id);

    const noPassword = (await desk.admin.post('/v1/users', { email: `nopw.${randomBytes(3).toString('hex')}@desk.example`, name: 'N', role: 'checker' })).body;
    const inactive = await personWithPassword();
    const workspaceAdminToken = (await desk.admin.post('/v1/users', { email: `adm.${randomBytes(3).toString('hex')}@desk.example`, name: 'A', role: 'admin' }))
      .body.token;
    await desk.admin.patch(`/v1/users/${inactive.id}`, { active: false });
    const from = { 'x-forwarded-for': '10.3.3.3' };
    const answers = [
      await login({ email: person.email, password: OTHER_STRONG }, from),
      await login({ email: `nobody.${randomBytes(3).toString('hex')}@desk.example`, password: STRONG }, from),
      await login({ email: noPassword.email, password: STRONG }, from),
      await login({ email: inactive.email, password: STRONG }, from),
      await login({ token: 'ct_not-the-admin-token' }, from),
      await login({ token: workspaceAdminToken }, from), // a workspace admin's token is not the instance admin's
    ];
    const bodies = answers.map((a) => {
      const problem = expectProblem(a, 401, 'UNAUTHENTICATED');
      expect(sessionFrom(a)).toBeUndefined();
      return problem.title;
    });
    expect(new Set(bodies).size).toBe(1);
    expect(new Set(answers.slice(0, 4).map((a) => a.body.detail)).size).toBe(1);
  });

  it('takes about as long for an unknown address as for a wrong password (no enumeration by timing)', async () => {
    const person = await personWithPassword();
    const time = async (body: Record<string, unknown>) => {
      const start = process.hrtime.bigint();
      await login(body, { 'x-forwarded-for': '10.9.9.9' });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      wrong.push(await time({ email: person.email, password: `${OTHER_STRONG}${i}` }));
      unknown.push(await time({ email: `ghost${i}.${randomBytes(3).toString('hex')}@desk.example`, password: OTHER_STRONG }));
    }
    // Both verify an argon2id hash (tens of ms); without the dummy hash, the unknown address would answer in about 1 ms.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.4);
  });

  it('answers 409 with the workspaces when the address and password fit users of several, and signs in to the one chosen', async () => {
    const email = `shared.${randomBytes(3).toString('hex')}@desk.example`;
    const other = await createDesk(t, 'second');
    for (const admin of [desk.admin, other.admin]) {
      const user = (await admin.post('/v1/users', { email, name: 'Shared', role: 'checker' })).body;
      const code = (await admin.post(`/v1/users/${user.id}/invitations`)).body.url.split('/').pop();
      expect((await t.http.post(`/v1/auth/invitations/${code}`, { password: STRONG })).status).toBe(200);
    }
    const ambiguous = expectProblem(await login({ email, password: STRONG }), 409, 'CONFLICT');
    expect(ambiguous.workspaces).toHaveLength(2);
    expect(ambiguous.workspaces.map((w: { id: string }) => w.id).sort()).toEqual([desk.workspaceId, other.workspaceId].sort());
    const chosen = await login({ email, password: STRONG, workspaceId: other.workspaceId });
    expect(chosen.status).toBe(200);
    expect(chosen.body.workspace.id).toBe(other.workspaceId);
  });

  it('issues a new session value at every sign-in, never one the client brought (no fixation)', async () => {
    const person = await personWithPassword();
    const planted = randomBytes(32).toString('base64url');
    const first = await login({ email: person.email, password: STRONG }, { cookie: `claimtrack_session=${planted}`, origin });
    const second = await login({ email: person.email, password: STRONG });
    expect(sessionFrom(first)).not.toBe(planted);
    expect(sessionFrom(first)).not.toBe(sessionFrom(second));
    expectProblem(await asSession(planted).get('/v1/me'), 401, 'UNAUTHENTICATED');
    expect((await asSession(sessionFrom(first)!).get('/v1/me')).status).toBe(200);
  });

  it('refuses cookie-carried writes from another origin (CSRF), /v1/auth included; bearer tokens are unaffected', async () => {
    const person = await personWithPassword();
    const session = asSession(person.cookie);
    const before = await db.query('SELECT count(*) FROM claims');
    const claim = { text: 'The levy will fund 400 new classrooms', kind: 'promise', claimant: { name: 'A minister' } };
    expectProblem(await session.send('POST', '/v1/claims', claim, { origin: 'https://evil.example' }), 403, 'FORBIDDEN');
    expectProblem(await session.send('POST', '/v1/claims', claim, {}), 403, 'FORBIDDEN');
    expectProblem(await session.send('POST', '/v1/auth/logout', undefined, { origin: 'https://evil.example' }), 403, 'FORBIDDEN');
    expect((await db.query('SELECT count(*) FROM claims')).rows[0].count).toBe(before.rows[0].count);
    expect((await session.get('/v1/me')).status).toBe(200); // the refused logout ended nothing

    expect((await session.send('POST', '/v1/claims', claim)).status).toBe(201);
    expect((await session.send('POST', '/v1/claims', claim, { 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await desk.checker.post('/v1/claims', claim, { headers: { origin: 'https://evil.example' } })).status).toBe(201);
  });

  it('accepts the session on /v1 routes with the same roles and workspace scoping as tokens', async () => {
    const checker = asSession((await personWithPassword('checker')).cookie);
    expectProblem(await checker.send('POST', '/v1/users', { email: 'x@desk.example', name: 'X', role: 'checker' }), 403, 'FORBIDDEN');
    const other = await createDesk(t, 'scoped');
    const foreign = (await other.checker.post('/v1/claims', { text: 'A claim elsewhere', kind: 'statement', claimant: { name: 'B' } })).body;
    expectProblem(await checker.get(`/v1/claims/${foreign.id}`), 404, 'NOT_FOUND');
    expect((await checker.get('/v1/claims')).status).toBe(200);
  });

  it('signs out: 204, the cookie cleared, the old value dead', async () => {
    const person = await personWithPassword();
    const session = asSession(person.cookie);
    const out = await session.send('POST', '/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/claimtrack_session=;.*Expires=Thu, 01 Jan 1970/i);
    expectProblem(await session.get('/v1/me'), 401, 'UNAUTHENTICATED');
  });

  it('lists sessions with the current one marked, and a revoked one is dead on its next request', async () => {
    const person = await personWithPassword();
    const laptop = (await login({ email: person.email, password: STRONG }, { 'user-agent': 'Laptop browser' })).headers;
    const laptopCookie = laptop.getSetCookie()[0].split(';')[0].split('=')[1];
    const list = await asSession(person.cookie).get('/v1/me/sessions');
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items).toHaveLength(2);
    const current = list.body.items.find((s: { current: boolean }) => s.current);
    const other = list.body.items.find((s: { current: boolean }) => !s.current);
    expect(other).toMatchObject({ userAgent: 'Laptop browser', createdAt: expect.any(String), lastSeenAt: expect.any(String) });
    expect(current.id).not.toBe(other.id);

    expect((await asSession(person.cookie).send('DELETE', `/v1/me/sessions/${other.id}`)).status).toBe(204);
    expectProblem(await asSession(laptopCookie).get('/v1/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await asSession(person.cookie).send('DELETE', `/v1/me/sessions/${other.id}`), 404, 'NOT_FOUND');
    expectProblem(await desk.checker.delete(`/v1/me/sessions/${current.id}`), 404, 'NOT_FOUND'); // not theirs
  });

  it('ends sessions at once on deactivation, and reactivation does not revive them', async () => {
    const person = await personWithPassword();
    await desk.admin.patch(`/v1/users/${person.id}`, { active: false });
    expectProblem(await asSession(person.cookie).get('/v1/me'), 401, 'UNAUTHENTICATED');
    await desk.admin.patch(`/v1/users/${person.id}`, { active: true });
    expectProblem(await asSession(person.cookie).get('/v1/me'), 401, 'UNAUTHENTICATED');
    expect((await login({ email: person.email, password: STRONG })).status).toBe(200);
  });

  it('ends a session unused for 7 days or older than 30', async () => {
    const idle = await personWithPassword();
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '7 days 1 minute' WHERE user_id = $1`, [idle.id]);
    expectProblem(await asSession(idle.cookie).get('/v1/me'), 401, 'UNAUTHENTICATED');
    const old = await personWithPassword();
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [old.id]);
    expectProblem(await asSession(old.cookie).get('/v1/me'), 401, 'UNAUTHENTICATED');
  });

  it('resets a password by e-mail: always 202, a one-hour code used once, every session ended', async () => {
    const person = await personWithPassword();
    const timed = async (email: string) => {
      const start = process.hrtime.bigint();
      expect((await t.http.post('/v1/auth/password-resets', { email })).status).toBe(202);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    // Both answers wait for the same floor, above what either costs, so the time tells nothing.
    expect(await timed(`nobody.${randomBytes(3).toString('hex')}@desk.example`)).toBeGreaterThanOrEqual(245);
    expect(await timed(person.email)).toBeGreaterThanOrEqual(245);
    const mail = await waitFor(() => smtp.mails.find((m) => m.to.includes(person.email) && m.raw.includes('/reset/')));
    const code = /\/reset\/([A-Za-z0-9_-]{43})/.exec(mail.raw.replace(/=\r?\n/g, ''))![1];
    const expires = await db.query(`SELECT expires_at - created_at AS lifetime FROM sign_in_codes WHERE user_id = $1 AND purpose = 'reset'`, [person.id]);
    expect(expires.rows[0].lifetime).toEqual({ hours: 1 });

    expectProblem(await t.http.post(`/v1/auth/password-resets/${code}`, { password: 'password1234' }), 400, 'VALIDATION_FAILED');
    expect((await t.http.post(`/v1/auth/password-resets/${code}`, { password: OTHER_STRONG })).status).toBe(204);
    expectProblem(await t.http.post(`/v1/auth/password-resets/${code}`, { password: OTHER_STRONG }), 404, 'NOT_FOUND');
    expectProblem(await asSession(person.cookie).get('/v1/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await login({ email: person.email, password: STRONG }), 401, 'UNAUTHENTICATED');
    expect((await login({ email: person.email, password: OTHER_STRONG })).status).toBe(200);
  });

  it('changes the password only with the current one, ending the other sessions but not this one', async () => {
    const person = await personWithPassword();
    const otherCookie = sessionFrom(await login({ email: person.email, password: STRONG }))!;
    const session = asSession(person.cookie);
    expectProblem(await session.send('PATCH', '/v1/me', { password: OTHER_STRONG }), 400, 'VALIDATION_FAILED');
    expectProblem(await session.send('PATCH', '/v1/me', { password: OTHER_STRONG, currentPassword: 'not it at all, no' }), 400, 'VALIDATION_FAILED');
    expect((await asSession(otherCookie).get('/v1/me')).status).toBe(200);
    const changed = await session.send('PATCH', '/v1/me', { password: OTHER_STRONG, currentPassword: STRONG, name: 'Wanjiru Kamau-Otieno' });
    expect(changed.status).toBe(200);
    expect(changed.body.name).toBe('Wanjiru Kamau-Otieno');
    expect((await session.get('/v1/me')).status).toBe(200);
    expectProblem(await asSession(otherCookie).get('/v1/me'), 401, 'UNAUTHENTICATED');
    expect((await login({ email: person.email, password: OTHER_STRONG })).status).toBe(200);
  });

  it('changes name, time zone and digest in the profile', async () => {
    const updated = await desk.checker.patch('/v1/me', { timezone: 'Africa/Nairobi', digest: false });
    expect(updated.body).toMatchObject({ timezone: 'Africa/Nairobi', digest: false });
    expectProblem(await desk.checker.patch('/v1/me', { timezone: 'Mars/Olympus' }), 400, 'VALIDATION_FAILED');
    expect((await desk.checker.patch('/v1/me', { timezone: 'europe/london' })).body.timezone).toBe('Europe/London');
    expect((await desk.checker.patch('/v1/me', { timezone: 'US/Pacific' })).body.timezone).toBe('US/Pacific');
    expect((await desk.checker.patch('/v1/me', { timezone: null })).body.timezone).toBeNull();
  });

  it('lets the instance admin sign in with ADMIN_TOKEN', async () => {
    const signedIn = await login({ token: t.config.adminToken });
    expect(signedIn.status).toBe(200);
    expect((await asSession(sessionFrom(signedIn)!).get('/v1/me')).body.workspace.name).toBe('default');
  });

  it('throttles: after 10 failures for one address, 429 with Retry-After even with the right password', async () => {
    const person = await personWithPassword();
    const from = { 'x-forwarded-for': '10.1.1.1' };
    for (let i = 0; i < 10; i++) expectProblem(await login({ email: person.email, password: `${OTHER_STRONG}${i}` }, from), 401, 'UNAUTHENTICATED');
    const response = await login({ email: person.email, password: STRONG });
    expectProblem(response, 429, 'RATE_LIMITED');
    expect(sessionFrom(response)).toBeUndefined();
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('throttles: after 50 failures from one client address, 429 for any e-mail address from it', async () => {
    const person = await personWithPassword();
    const from = { 'x-forwarded-for': '10.2.2.2' };
    // The address is the one the proxy added, last: what the client wrote before it changes nothing.
    for (let i = 0; i < 50; i++) {
      const forged = { 'x-forwarded-for': `192.0.2.${i}, 10.2.2.2` };
      expectProblem(await login({ email: `guess${i}@desk.example`, password: OTHER_STRONG }, forged), 401, 'UNAUTHENTICATED');
    }
    expectProblem(await login({ email: person.email, password: STRONG }, from), 429, 'RATE_LIMITED');
    expect((await login({ email: person.email, password: STRONG }, { 'x-forwarded-for': '10.2.2.3' })).status).toBe(200);
  });
});
