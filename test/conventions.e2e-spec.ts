import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { expectProblem, type HttpResponse } from './support/http';
import { waitFor } from './support/wait';

describe('HTTP conventions', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await startApp();
    desk = await createDesk(t);
  });
  afterAll(() => t.close());

  describe('problem details on every error path', () => {
    it('404 for unknown routes and for ids that are not UUIDs', async () => {
      expectProblem(await t.http.get('/nowhere'), 404, 'NOT_FOUND');
      expectProblem(await desk.checker.get('/v1/nowhere'), 404, 'NOT_FOUND');
      expectProblem(await desk.checker.get('/v1/sources/not-a-uuid'), 404, 'NOT_FOUND');
    });

    it('405 with Allow for a known path and the wrong method', async () => {
      const response = await desk.checker.request('DELETE', '/v1/me');
      expectProblem(response, 405, 'METHOD_NOT_ALLOWED');
      expect(response.headers.get('allow')).toBe('GET, PATCH');
    });

    it('413 for a body over 1 MB, and nothing is created', async () => {
      const before = await desk.checker.get('/v1/sources?limit=200');
      const huge = { title: 'too big', text: 'x'.repeat(1024 * 1024) };
      expectProblem(await desk.checker.post('/v1/sources', huge), 413, 'PAYLOAD_TOO_LARGE');
      const after = await desk.checker.get('/v1/sources?limit=200');
      expect(after.body.items).toHaveLength(before.body.items.length);
    });

    it('accepts a body just under 1 MB', async () => {
      const text = 'Kenya spent Ksh 2.1 billion. '.repeat(35_000); // ~1,015,000 bytes
      const response = await desk.checker.post('/v1/sources', { title: 'a long transcript', text });
      expect(response.status).toBe(201);
    });

    it('400 for malformed JSON, a non-object body, and invalid query parameters', async () => {
      const broken = expectProblem(await desk.checker.request('POST', '/v1/sources', { raw: '{"title": ' }), 400, 'VALIDATION_FAILED');
      expect(broken.errors).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
      expectProblem(await desk.checker.post('/v1/sources', ['a']), 400, 'VALIDATION_FAILED');
      const forged = Buffer.from(JSON.stringify(['not-a-date', 'not-an-id'])).toString('base64url');
      for (const query of [
        'limit=0',
        'limit=201',
        'limit=ten',
        'limit=1e2',
        'limit=0x10',
        'limit=+5',
        'cursor=garbage',
        'cursor=',
        `cursor=${forged}`,
        'colour=blue',
      ]) {
        const problem = expectProblem(await desk.checker.get(`/v1/sources?${query}`), 400, 'VALIDATION_FAILED');
        expect(problem.errors.length).toBeGreaterThan(0);
        // One rule, said once: not three contradicting messages for `limit=1e2`.
        if (query.startsWith('limit=')) expect(problem.errors).toEqual([{ field: 'limit', message: 'must be a whole number from 1 to 200' }]);
      }
    });

    it('reads an empty body labelled JSON as no body', async () => {
      const json = { 'content-type': 'application/json' };
      const calendar = await desk.checker.request('POST', '/v1/me/calendar', { raw: '', headers: json });
      expect(calendar.status).toBe(201);
      expect((await desk.checker.request('DELETE', '/v1/me/calendar', { raw: '', headers: json })).status).toBe(204);
      const missing = expectProblem(await desk.checker.request('POST', '/v1/sources', { raw: ' ', headers: json }), 400, 'VALIDATION_FAILED');
      expect(missing.errors.map((e: { field: string }) => e.field)).toContain('title');
    });

    it('415 for bodies that are not JSON', async () => {
      expectProblem(
        await desk.checker.request('POST', '/v1/sources', { raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });

    it('415 for JSON sent compressed or in another character set, saying so, and stores nothing', async () => {
      const before = (await desk.checker.get('/v1/sources?limit=200')).body.items.length;
      const gzipped = await desk.checker.request('POST', '/v1/sources', {
        raw: gzipSync(JSON.stringify({ title: 'compressed' })),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(expectProblem(gzipped, 415, 'UNSUPPORTED_MEDIA_TYPE').detail).toBe('Content-Encoding "gzip" is not accepted: send the body uncompressed');
      const latin1 = await desk.checker.request('POST', '/v1/sources', {
        raw: Buffer.from(JSON.stringify({ title: 'Café' }), 'latin1'),
        headers: { 'content-type': 'application/json; charset=ISO-8859-1' },
      });
      expect(expectProblem(latin1, 415, 'UNSUPPORTED_MEDIA_TYPE').detail).toBe('charset "iso-8859-1" is not accepted: send JSON in UTF-8');
      expect((await desk.checker.get('/v1/sources?limit=200')).body.items).toHaveLength(before);
      // UTF-8, however it is spelt, is JSON as usual.
      for (const type of ['application/json; charset=UTF-8', 'application/json;charset="utf-8"', 'application/json; charset=utf8']) {
        expect((await desk.checker.request('POST', '/v1/sources', { raw: JSON.stringify({ title: type }), headers: { 'content-type': type } })).status).toBe(
          201,
        );
      }
    });

    it('answers the API with no-store and nosniff, refusals included', async () => {
      for (const response of [await desk.checker.get('/v1/claims'), await t.http.get('/v1/me')]) {
        expect([response.headers.get('cache-control'), response.headers.get('x-content-type-options')]).toEqual(['no-store', 'nosniff']);
      }
    });

    it('carries the request id in the problem instance and the x-request-id header', async () => {
      const response = await t.http.get('/v1/me');
      const problem = expectProblem(response, 401, 'UNAUTHENTICATED');
      expect(problem.instance).toBe(`urn:uuid:${response.headers.get('x-request-id')}`);
    });

    it('each problem type resolves to its description', async () => {
      const response = await t.http.get('/problems/precondition-failed');
      expect(response.body).toEqual({ type: '/problems/precondition-failed', code: 'PRECONDITION_FAILED', status: 412, title: expect.any(String) });
    });
  });

  describe('Idempotency-Key', () => {
    const source = () => ({ title: `Hansard, ${randomUUID()}` });

    it('replays the first response for the same key and body, creating nothing more', async () => {
      const key = randomUUID();
      const body = source();
      const first = await desk.checker.post('/v1/sources', body, { headers: { 'idempotency-key': key } });
      const again = await desk.checker.post('/v1/sources', body, { headers: { 'idempotency-key': key } });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const list = await desk.checker.get('/v1/sources?limit=200');
      expect(list.body.items.filter((s: { title: string }) => s.title === body.title)).toHaveLength(1);
    });

    it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
      const key = randomUUID();
      expect((await desk.checker.post('/v1/sources', source(), { headers: { 'idempotency-key': key } })).status).toBe(201);
      expectProblem(await desk.checker.post('/v1/sources', source(), { headers: { 'idempotency-key': key } }), 422, 'IDEMPOTENCY_KEY_REUSED');
    });

    it('scopes keys to the workspace', async () => {
      const other = await createDesk(t, 'other');
      const key = randomUUID();
      const a = await desk.checker.post('/v1/sources', source(), { headers: { 'idempotency-key': key } });
      const b = await other.checker.post('/v1/sources', source(), { headers: { 'idempotency-key': key } });
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.id).not.toBe(a.body.id);
    });

    it('answers 409 IDEMPOTENCY_KEY_IN_FLIGHT while the first request is still running, then replays it', async () => {
      const key = randomUUID();
      const body = source();
      // Hold a lock on the table so that the first request cannot finish.
      const blocker = new Client({ connectionString: t.db.url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE sources IN EXCLUSIVE MODE');
      const first = desk.checker.post('/v1/sources', body, { headers: { 'idempotency-key': key } });
      try {
        await waitFor(
          async () => {
            const rows = await blocker.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key]);
            return rows.rowCount === 1;
          },
          { what: 'the first request to claim its key' },
        );
        expectProblem(await desk.checker.post('/v1/sources', body, { headers: { 'idempotency-key': key } }), 409, 'IDEMPOTENCY_KEY_IN_FLIGHT');
      } finally {
        await blocker.query('ROLLBACK');
        await blocker.end();
      }
      const done = await first;
      expect(done.status).toBe(201);
      const replay = await desk.checker.post('/v1/sources', body, { headers: { 'idempotency-key': key } });
      expect(replay.body.id).toBe(done.body.id);
    });

    it('forgets a key whose request failed, so the corrected request can use it', async () => {
      const key = randomUUID();
      expectProblem(await desk.checker.post('/v1/sources', { title: '' }, { headers: { 'idempotency-key': key } }), 400, 'VALIDATION_FAILED');
      expect((await desk.checker.post('/v1/sources', source(), { headers: { 'idempotency-key': key } })).status).toBe(201);
    });

    it('replays a created user with the same token, stored encrypted', async () => {
      const key = randomUUID();
      const body = { email: `idem.${key.slice(0, 8)}@desk.example`, name: 'Idem', role: 'checker' };
      const first = await desk.admin.post('/v1/users', body, { headers: { 'idempotency-key': key } });
      const again = await desk.admin.post('/v1/users', body, { headers: { 'idempotency-key': key } });
      expect(again.body).toEqual(first.body);
      const db = new Client({ connectionString: t.db.url });
      await db.connect();
      const stored = await db.query('SELECT response_body::text AS body FROM idempotency_keys WHERE key = $1', [key]);
      await db.end();
      expect(stored.rows[0].body).not.toContain(first.body.token);
    });
  });

  describe('cursor pagination', () => {
    it('pages through a list that grows meanwhile with no gaps and no duplicates', async () => {
      const own = await createDesk(t, 'paging');
      const original = new Set<string>();
      for (let i = 0; i < 23; i++) original.add((await own.checker.post('/v1/sources', { title: `Source ${i}` })).body.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let page = 0;
      do {
        const response: HttpResponse = await own.checker.get(`/v1/sources?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(5);
        seen.push(...response.body.items.map((s: { id: string }) => s.id));
        cursor = response.body.nextCursor;
        // New sources arrive while the client is paging.
        await own.checker.post('/v1/sources', { title: `Late arrival ${page++}` });
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of original) expect(seen).toContain(id);
    });

    it('answers the last page with nextCursor null', async () => {
      const own = await createDesk(t, 'short');
      await own.checker.post('/v1/sources', { title: 'Only one' });
      const response = await own.checker.get('/v1/sources?limit=50');
      expect(response.body).toEqual({ items: [expect.objectContaining({ title: 'Only one' })], nextCursor: null });
    });

    it("refuses another list's cursor, even one whose key has the same shape", async () => {
      const own = await createDesk(t, 'foreign-cursor');
      for (const title of ['First', 'Second']) await own.checker.post('/v1/sources', { title });
      // Users run oldest first and sources newest first: the same (createdAt, id) key, read the
      // other way round, would page through the wrong rows.
      const users = await own.admin.get('/v1/users?limit=1');
      const sources = await own.checker.get('/v1/sources?limit=1');
      expect(users.body.nextCursor).toEqual(expect.any(String));
      expect(sources.body.nextCursor).toEqual(expect.any(String));
      const refused = expectProblem(await own.checker.get(`/v1/sources?limit=1&cursor=${users.body.nextCursor}`), 400, 'VALIDATION_FAILED');
      expect(refused.errors).toEqual([{ field: 'cursor', message: 'is not a cursor returned by this list' }]);
      expectProblem(await own.admin.get(`/v1/users?limit=1&cursor=${sources.body.nextCursor}`), 400, 'VALIDATION_FAILED');
      // Each list still takes its own.
      const next = await own.checker.get(`/v1/sources?limit=1&cursor=${sources.body.nextCursor}`);
      expect(next.body.items.map((s: { title: string }) => s.title)).toEqual(['First']);
    });
  });
});

describe('rate limit per token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ rateLimitPerMinute: 5 });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with Retry-After past the limit, for that token only', async () => {
    const desk = await createDesk(t); // the admin token spends its own budget
    for (let i = 0; i < 5; i++) expect((await desk.checker.get('/v1/me')).status).toBe(200);
    const limited = await desk.checker.get('/v1/me');
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await desk.editor.get('/v1/me')).status).toBe(200);
  });
});
