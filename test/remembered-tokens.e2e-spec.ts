import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AuthService } from '../src/accounts/auth.service';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { inDays } from './support/claims';
import { expectProblem, HttpClient } from './support/http';

/**
 * POST /v1/claims takes the actor of a bearer token its host has looked up before from memory,
 * and its write confirms the token (WriteConfirmsToken). Two API hosts on one database: what an
 * admin does on one stops the token on the other at once, and a refused creation writes nothing.
 */
describe('tokens an API host remembers, confirmed by the write', () => {
  let a: TestApp;
  let b: TestApp;
  let db: Client;

  beforeAll(async () => {
    a = await startApp({ appRole: 'api' });
    b = await startApp({ appRole: 'api', adminToken: a.config.adminToken, queuePrefix: a.config.queuePrefix }, a.db);
    db = new Client({ connectionString: a.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await b.close();
    await a.close();
  });

  /** A desk whose checker has created one claim on host B, so that B remembers the checker's token. */
  async function deskRememberedOnB(): Promise<{ desk: Desk; onB: HttpClient }> {
    const desk = await createDesk(a, 'remembered');
    const onB = new HttpClient(b.http.baseUrl, desk.checker.defaultToken);
    expect((await onB.post('/v1/claims', claim('A first claim, so that host B looks the token up'))).status).toBe(201);
    return { desk, onB };
  }

  const claim = (text: string, more: Record<string, unknown> = {}) => ({ text, kind: 'statement', claimant: { name: 'A minister' }, ...more });

  /** Every row a creation writes, for the claims with this text. */
  async function rowsWritten(text: string): Promise<number> {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM claims WHERE text = $1)
            + (SELECT count(*) FROM claim_events e JOIN claims c ON c.id = e.claim_id WHERE c.text = $1)
            + (SELECT count(*) FROM outbox_events WHERE payload->>'text' = $1 OR payload->'claim'->>'text' = $1) AS n`,
      [text],
    );
    return Number(rows[0].n);
  }

  it('creates with the remembered actor, without looking the token up', async () => {
    const { desk, onB } = await deskRememberedOnB();
    const lookups = jest.spyOn(b.app.get(AuthService), 'actorForTokenHash');
    try {
      const created = await onB.post('/v1/claims', claim('The county opened two new dispensaries in March'));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'submitted', following: true });
      expect(lookups).not.toHaveBeenCalled();
      // Any other route still looks the token up on every request.
      expect((await onB.get(`/v1/claims/${created.body.id}`)).status).toBe(200);
      expect(lookups).toHaveBeenCalledTimes(1);
    } finally {
      lookups.mockRestore();
    }
    const history = await desk.checker.get(`/v1/claims/${(await onB.get('/v1/claims?limit=1')).body.items[0].id}/history`);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['claim.created']);
  });

  it('refuses at once, and writes nothing, when the user was deactivated on the other host', async () => {
    const { desk, onB } = await deskRememberedOnB();
    expect((await desk.admin.patch(`/v1/users/${desk.checker.userId}`, { active: false })).status).toBe(200);

    const text = 'The governor promised a new maternity wing by June';
    expectProblem(await onB.post('/v1/claims', claim(text)), 401, 'UNAUTHENTICATED');
    // With a deadline, the creation takes a transaction (reminders are scheduled in it): refused too.
    expectProblem(await onB.post('/v1/claims', claim(text, { kind: 'promise', dueAt: inDays(30) })), 401, 'UNAUTHENTICATED');
    expect(await rowsWritten(text)).toBe(0);

    expect((await desk.admin.patch(`/v1/users/${desk.checker.userId}`, { active: true })).status).toBe(200);
    expect((await onB.post('/v1/claims', claim(text))).status).toBe(201);
    expect(await rowsWritten(text)).toBe(4); // the claim, its history entry, its live and its webhook event
  });

  it('refuses at once a token rotated away on the other host', async () => {
    const { desk, onB } = await deskRememberedOnB();
    const rotated = await desk.admin.post(`/v1/users/${desk.checker.userId}/tokens`);
    expect(rotated.status).toBe(201);
    const text = 'Fuel prices will fall by ten shillings next month';
    const refused = expectProblem(await onB.post('/v1/claims', claim(text)), 401, 'UNAUTHENTICATED');
    expect(refused.detail).toMatch(/rotated/);
    expect(await rowsWritten(text)).toBe(0);
    expect((await new HttpClient(b.http.baseUrl, rotated.body.token).post('/v1/claims', claim(text))).status).toBe(201);
  });

  it('answers a refused token 401 where the route would have refused the request otherwise (no 422 to learn from)', async () => {
    const { desk, onB } = await deskRememberedOnB();
    const outsider = (await createDesk(a, 'outsider')).checker.userId;
    const text = 'The port handled a record tonnage this year';
    expectProblem(await onB.post('/v1/claims', claim(text, { assigneeId: outsider })), 422, 'GUARD_FAILED');
    expectProblem(await onB.post('/v1/claims', claim(text, { sourceId: randomUUID() })), 422, 'GUARD_FAILED');

    expect((await desk.admin.patch(`/v1/users/${desk.checker.userId}`, { active: false })).status).toBe(200);
    expectProblem(await onB.post('/v1/claims', claim(text, { assigneeId: outsider })), 401, 'UNAUTHENTICATED');
    expectProblem(await onB.post('/v1/claims', claim(text, { sourceId: randomUUID() })), 401, 'UNAUTHENTICATED');
    expect(await rowsWritten(text)).toBe(0);
  });

  it('looks the token up when the request carries an Idempotency-Key (the key is stored before the write)', async () => {
    const { desk, onB } = await deskRememberedOnB();
    const lookups = jest.spyOn(b.app.get(AuthService), 'actorForTokenHash');
    try {
      const keyed = { headers: { 'idempotency-key': `keyed-${randomUUID()}` } };
      expect((await onB.post('/v1/claims', claim('Teachers will get a raise in January'), keyed)).status).toBe(201);
      expect(lookups).toHaveBeenCalledTimes(1);
      expect((await desk.admin.patch(`/v1/users/${desk.checker.userId}`, { active: false })).status).toBe(200);
      expectProblem(await onB.post('/v1/claims', claim('Teachers will get a raise in February'), keyed), 401, 'UNAUTHENTICATED');
    } finally {
      lookups.mockRestore();
    }
  });
});
