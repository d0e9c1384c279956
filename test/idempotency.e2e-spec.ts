import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim } from './support/claims';
import { settledFingerprint } from './support/fingerprint';
import type { HttpClient } from './support/http';

/** How to make a valid creating request to one route: who calls it, where, with what body. */
type Creation = (ctx: { t: TestApp; desk: Desk; claimId: string; userId: string }) => { client: HttpClient; path: string; body?: unknown };

const unique = () => randomUUID().slice(0, 8);

/**
 * Every creating POST of the OpenAPI document (an operation with a 201 answer). A route added
 * without an entry here fails the walk: each new creating route must honour Idempotency-Key.
 */
const CREATIONS: Record<string, Creation> = {
  'post /v1/workspaces': ({ t }) => ({
    client: t.admin,
    path: '/v1/workspaces',
    body: { name: `Desk ${unique()}`, adminEmail: `admin.${unique()}@desk.example` },
  }),
  'post /v1/users': ({ desk }) => ({ client: desk.admin, path: '/v1/users', body: { email: `new.${unique()}@desk.example`, name: 'Njeri', role: 'checker' } }),
  'post /v1/users/{id}/tokens': ({ desk, userId }) => ({ client: desk.admin, path: `/v1/users/${userId}/tokens` }),
  'post /v1/users/{id}/invitations': ({ desk, userId }) => ({ client: desk.admin, path: `/v1/users/${userId}/invitations` }),
  'post /v1/me/calendar': ({ desk }) => ({ client: desk.checker, path: '/v1/me/calendar' }),
  'post /v1/sources': ({ desk }) => ({ client: desk.checker, path: '/v1/sources', body: { title: `Hansard ${unique()}` } }),
  'post /v1/claims': ({ desk }) => ({
    client: desk.checker,
    path: '/v1/claims',
    body: { text: `The county built ${unique()} classrooms`, kind: 'statement', claimant: { name: 'Amina' } },
  }),
  'post /v1/claims/{id}/evidence': ({ desk, claimId }) => ({
    client: desk.checker,
    path: `/v1/claims/${claimId}/evidence`,
    body: { description: `Budget ${unique()}`, stance: 'context' },
  }),
  'post /v1/claims/{id}/comments': ({ desk, claimId }) => ({
    client: desk.checker,
    path: `/v1/claims/${claimId}/comments`,
    body: { body: `Budget table 4 says Ksh 2.06 billion (${unique()})` },
  }),
  'post /v1/claims/{id}/reminders': ({ desk, claimId }) => ({
    client: desk.checker,
    path: `/v1/claims/${claimId}/reminders`,
    body: { message: 'Check', in: 'P1D' },
  }),
  'post /v1/webhooks': ({ desk }) => ({
    client: desk.admin,
    path: '/v1/webhooks',
    body: { url: `https://93.184.216.34/hooks/${unique()}`, events: ['reminder.due'] },
  }),
};

interface Operation {
  parameters?: Array<{ in: string; name: string }>;
  responses: Record<string, unknown>;
}

/**
 * Idempotency on every creating POST: the same key and body answer the same status and body
 * and change nothing in the database. API only (no workers), so nothing else writes meanwhile.
 */
describe('Idempotency-Key on every creating POST of /docs-json', () => {
  let t: TestApp;
  let desk: Desk;
  let db: Client;
  let creating: string[];
  let document: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    t = await startApp({ appRole: 'api' });
    desk = await createDesk(t, 'idempotency');
    db = new Client({ connectionString: t.db.url });
    await db.connect();
    document = (await t.http.get('/docs-json')).body;
    creating = Object.entries(document.paths).flatMap(([path, ops]) => (ops.post?.responses['201'] ? [`post ${path}`] : []));
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const settled = () => settledFingerprint(db);

  it('finds the creating routes, each with an entry here and the Idempotency-Key header documented', () => {
    expect(creating.length).toBeGreaterThanOrEqual(9);
    expect(creating.sort()).toEqual(Object.keys(CREATIONS).sort());
    for (const route of creating) {
      const path = route.slice('post '.length);
      expect({ route, parameters: document.paths[path].post.parameters ?? [] }).toEqual({
        route,
        parameters: expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'Idempotency-Key' })]),
      });
    }
  });

  it.each(Object.keys(CREATIONS))('%s: the same key and body answer the same status and body, and create nothing more', async (route) => {
    const { body: claim } = await createClaim(desk.checker);
    const user = await desk.admin.post('/v1/users', { email: `bot.${unique()}@desk.example`, name: 'Wire bot', role: 'checker' });
    expect(user.status).toBe(201);
    const { client, path, body } = CREATIONS[route]({ t, desk, claimId: claim.id, userId: user.body.id });
    const headers = { 'idempotency-key': randomUUID() };

    const before = await settled();
    const first = await client.post(path, body, { headers });
    expect({ status: first.status, body: first.body }).toEqual({ status: 201, body: expect.anything() });
    const afterFirst = await settled();
    expect(afterFirst).not.toEqual(before); // the fingerprint does see what a request creates

    const again = await client.post(path, body, { headers });
    expect(again.status).toBe(first.status);
    expect(again.text).toBe(first.text); // the same body, byte for byte
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await settled()).toEqual(afterFirst);
  });

  it('a retried token rotation answers the token first issued, and that token keeps working', async () => {
    const user = await desk.admin.post('/v1/users', { email: `rotating.${unique()}@desk.example`, name: 'Rotating', role: 'checker' });
    const headers = { 'idempotency-key': randomUUID() };
    const first = await desk.admin.post(`/v1/users/${user.body.id}/tokens`, undefined, { headers });
    const again = await desk.admin.post(`/v1/users/${user.body.id}/tokens`, undefined, { headers });
    expect(again.body.token).toBe(first.body.token);
    expect((await t.http.as(first.body.token).get('/v1/me')).status).toBe(200);
    expect((await t.http.as(user.body.token).get('/v1/me')).status).toBe(401);
    const stored = await db.query('SELECT response_body::text AS body FROM idempotency_keys WHERE key = $1', [headers['idempotency-key']]);
    expect(stored.rows[0].body).not.toContain(first.body.token);
  });

  it("never replays one person's answer to another under the same key", async () => {
    const key = randomUUID();
    const mine = await desk.checker.post('/v1/me/calendar', undefined, { headers: { 'idempotency-key': key } });
    expect(mine.status).toBe(201);
    const theirs = await desk.editor.post('/v1/me/calendar', undefined, { headers: { 'idempotency-key': key } });
    expect(theirs.status).toBe(422);
    expect(theirs.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(theirs.text).not.toContain(mine.body.url);
  });
});
