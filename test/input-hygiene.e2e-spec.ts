import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { expectProblem } from './support/http';
import { rawRequest } from './support/raw-http';

/**
 * Text PostgreSQL cannot store, text that is not Unicode, and requests the framework refuses
 * before a route runs: each a 4xx problem document, never a 500 or another format
 * (docs/api.md, "Bad input"). The fuzz test walks every route; these are the cases a review found.
 */
describe('input hygiene', () => {
  let t: TestApp;
  let desk: Desk;
  let port: number;
  beforeAll(async () => {
    t = await startApp();
    desk = await createDesk(t);
    port = Number(new URL(t.http.baseUrl).port);
  });
  afterAll(() => t.close());

  const claimCount = async () => (await desk.checker.get('/v1/claims?limit=200')).body.items.length as number;

  it('refuses a NUL character in a body field or a query parameter, naming the field, and stores nothing', async () => {
    const before = await claimCount();
    const base = { text: 'Kenya will be reimbursed the Ksh 2.1 billion', kind: 'promise', claimant: { name: 'Korir' } };
    const named = expectProblem(await desk.checker.post('/v1/claims', { ...base, claimant: { name: 'Ko\u0000rir' } }), 400, 'VALIDATION_FAILED');
    expect(named.errors).toEqual([{ field: 'claimant.name', message: expect.stringMatching(/NUL/) }]);
    const quoted = expectProblem(await desk.checker.post('/v1/claims', { ...base, quote: 'said \u0000 this' }), 400, 'VALIDATION_FAILED');
    expect(quoted.errors[0].field).toBe('quote');
    const searched = expectProblem(await desk.checker.get('/v1/claims?q=reimb%00urse'), 400, 'VALIDATION_FAILED');
    expect(searched.errors[0].field).toBe('q');
    expect(await claimCount()).toBe(before);
  });

  it('refuses an unknown query parameter on every /v1 route, also those that take no query, and changes nothing', async () => {
    const me = expectProblem(await desk.checker.get('/v1/me?foo=1'), 400, 'VALIDATION_FAILED');
    expect(me.errors).toEqual([{ field: 'foo', message: expect.any(String) }]);
    expectProblem(await desk.checker.get('/v1/claims?colour=red'), 400, 'VALIDATION_FAILED');
    const before = await claimCount();
    const claimant = { name: 'Halima Odera' };
    expectProblem(
      await desk.checker.post('/v1/claims?draft=true', { text: 'The ferry will run every hour from March', kind: 'promise', claimant }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await claimCount()).toBe(before);
    // Routes outside /v1 (the desk's pages, the calendar feeds) keep ignoring what they do not read.
    expect((await t.http.get('/health?probe=1')).status).toBe(200);
  });

  it('refuses an unpaired UTF-16 surrogate, in a value or in a key', async () => {
    const email = expectProblem(await t.admin.post('/v1/workspaces', { name: 'Surrogates', adminEmail: 'a\uD800b@desk.example' }), 400, 'VALIDATION_FAILED');
    expect(email.errors).toEqual([{ field: 'adminEmail', message: expect.stringMatching(/Unicode/) }]);
    const key = expectProblem(await desk.checker.post('/v1/sources', { title: 'x', text: 'y', ['\uDC00odd']: 1 }), 400, 'VALIDATION_FAILED');
    expect(key.errors[0].field).toBe('\uFFFDodd');
    const workspaces = await t.admin.get('/v1/workspaces?limit=200');
    expect(JSON.stringify(workspaces.body)).not.toContain('Surrogates');
  });

  it('refuses a body whose bytes are not UTF-8, or a query whose percent-encoding is not, naming the field', async () => {
    const before = await claimCount();
    // A UTF-16 surrogate written as UTF-8 (ED A0 80), and a byte UTF-8 never uses (FF).
    for (const bad of [Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff])]) {
      const raw = Buffer.concat([Buffer.from('{"text":"The dam will hold '), bad, Buffer.from(' cubic metres","kind":"promise","claimant":{"name":"Korir"}}')]);
      const problem = expectProblem(await desk.checker.request('POST', '/v1/claims', { raw }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'text', message: expect.stringMatching(/UTF-8/) }]);
    }
    for (const query of ['q=%ED%A0%80', 'claimant=%FF', 'q=100%', 'tag=abc%C3']) {
      const problem = expectProblem(await desk.checker.get(`/v1/claims?${query}`), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: query.split('=')[0], message: expect.stringMatching(/UTF-8/) }]);
    }
    expect((await desk.checker.get('/v1/claims?q=Ksh+2.1%20billion')).status).toBe(200);
    expect(await claimCount()).toBe(before);
  });

  it('refuses a field sent to a route that takes no body, and does nothing', async () => {
    const first = await desk.checker.post('/v1/me/calendar');
    expect(first.status).toBe(201);
    const problem = expectProblem(await desk.checker.post('/v1/me/calendar', { rotate: false }), 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([{ field: 'rotate', message: expect.stringMatching(/not a known field/) }]);
    // The address was not replaced: the feed still answers.
    expect((await t.http.get(new URL(first.body.url).pathname)).status).toBe(200);
    expect((await desk.checker.post('/v1/me/calendar', {})).status).toBe(201);
  });

  it('refuses a timestamp that names no real instant, rather than rolling it over', async () => {
    const before = await claimCount();
    const base = { text: 'The new ferry will be in service by the end of the year', kind: 'promise', claimant: { name: 'Halima Odera' } };
    for (const at of ['2027-02-30T08:00:00Z', '2027-13-01T08:00:00Z', '2027-06-30T23:59:60Z', '2027-06-30T24:00:00Z', '2027-06-30T12:00:00+25:00']) {
      for (const field of ['claimedAt', 'dueAt']) {
        const problem = expectProblem(await desk.checker.post('/v1/claims', { ...base, [field]: at }), 400, 'VALIDATION_FAILED');
        expect(problem.errors).toEqual([{ field, message: expect.stringMatching(/real date/) }]);
      }
      expect(expectProblem(await desk.checker.get(`/v1/claims?dueBefore=${encodeURIComponent(at)}`), 400, 'VALIDATION_FAILED').errors[0].field).toBe(
        'dueBefore',
      );
    }
    expect(await claimCount()).toBe(before);
    const leapDay = await desk.checker.post('/v1/claims', { ...base, claimedAt: '2028-02-29T08:00:00+03:00' });
    expect(leapDay.status).toBe(201);
    expect(leapDay.body.claimedAt).toBe('2028-02-29T05:00:00.000Z');
  });

  it('says which key it refused in a body that would poison prototypes', async () => {
    const problem = expectProblem(
      await desk.checker.request('POST', '/v1/sources', { raw: '{"title":"x","__proto__":{"admin":true}}' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual([{ field: 'body', message: expect.stringMatching(/__proto__/) }]);
  });

  it('refuses unknown fields and query parameters named like members of every object (constructor, toString, __proto__)', async () => {
    const before = await claimCount();
    const base = { text: 'The new ferry will run every hour from March', kind: 'promise', claimant: { name: 'Halima Odera' } };
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      const body = expectProblem(await desk.checker.post('/v1/claims', { ...base, [name]: 1 }), 400, 'VALIDATION_FAILED');
      expect(body.errors).toEqual([{ field: name, message: 'is not a known field' }]);
      const nested = expectProblem(
        await desk.checker.post('/v1/claims', { ...base, claimant: { name: 'Halima Odera', [name]: 'x' } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(nested.errors).toEqual([{ field: `claimant.${name}`, message: 'is not a known field' }]);
    }
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const query = expectProblem(await desk.checker.get(`/v1/claims?${name}=1`), 400, 'VALIDATION_FAILED');
      expect(query.errors).toEqual([{ field: name, message: 'is not a known field' }]);
    }
    expect(await claimCount()).toBe(before);
  });

  it('refuses a claimant or a verdict sent as an array, and leaves the claim as it was', async () => {
    const before = await claimCount();
    const base = { text: 'The new ferry will run every hour from March', kind: 'promise' };
    for (const claimant of [[], [{ name: 'Halima Odera' }]]) {
      const problem = expectProblem(await desk.checker.post('/v1/claims', { ...base, claimant }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'claimant', message: expect.stringMatching(/^must be an object/) }]);
    }
    expect(await claimCount()).toBe(before);

    const claim = (await desk.checker.post('/v1/claims', { ...base, claimant: { name: 'Halima Odera', affiliation: 'County transport office' } })).body;
    const patched = await desk.checker.patch(`/v1/claims/${claim.id}`, { claimant: [] }, { headers: { 'if-match': '"1"' } });
    expectProblem(patched, 400, 'VALIDATION_FAILED');
    const stored = (await desk.checker.get(`/v1/claims/${claim.id}`)).body;
    expect(stored.claimant).toEqual({ name: 'Halima Odera', affiliation: 'County transport office' });
    expect(stored.version).toBe(1);

    await desk.checker.post(`/v1/claims/${claim.id}/transitions`, { to: 'in_research' }, { headers: { 'if-match': '"1"' } });
    const verdict = await desk.checker.post(`/v1/claims/${claim.id}/transitions`, { to: 'in_review', verdict: [] }, { headers: { 'if-match': '"2"' } });
    expect(expectProblem(verdict, 400, 'VALIDATION_FAILED').errors).toEqual([{ field: 'verdict', message: expect.stringMatching(/^must be an object/) }]);
  });

  it('refuses a body nested deeper than 32 levels', async () => {
    const deep = `{"title":"x","text":"y","deep":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const problem = expectProblem(await desk.checker.request('POST', '/v1/sources', { raw: deep }), 400, 'VALIDATION_FAILED');
    expect(problem.errors[0].message).toMatch(/nested deeper/);
    expect(problem.errors[0].field.length).toBeLessThanOrEqual(120);
    const arrays = `{"title":"x","text":${'['.repeat(300_000)}${']'.repeat(300_000)}}`;
    expectProblem(await desk.checker.request('POST', '/v1/sources', { raw: arrays }), 400, 'VALIDATION_FAILED');
  });

  it('answers an over-long path id with a 414 problem document', async () => {
    const problem = expectProblem(await desk.checker.get(`/v1/claims/${'a'.repeat(5000)}`), 414, 'URI_TOO_LONG');
    expect(problem.type).toBe('/problems/uri-too-long');
  });

  it('answers requests Node cannot parse with problem documents, not bare status lines', async () => {
    const huge = await rawRequest(port, `GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(70_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expect(huge.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(huge.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });

    const badLength = await rawRequest(port, 'POST /v1/sources HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ten\r\n\r\n{}');
    expect(badLength.status).toBe(400);
    expect(JSON.parse(badLength.body)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'request', message: 'is not valid HTTP' }] });

    const expectation = await rawRequest(port, 'GET /v1/me HTTP/1.1\r\nHost: x\r\nExpect: 999-odd\r\n\r\n');
    expect(expectation.status).toBe(417);
    expect(expectation.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(expectation.body)).toMatchObject({ status: 417, code: 'EXPECTATION_FAILED' });

    const nulHeader = await rawRequest(port, 'GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Odd: a\u0000b\r\n\r\n');
    expect(nulHeader.status).toBe(400);
    expect(nulHeader.headers['content-type']).toMatch(/^application\/problem\+json/);

    // A proxy tunnel request, which Node keeps from Fastify: a 405, not a dropped connection.
    const tunnel = await rawRequest(port, 'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n');
    expect(tunnel.status).toBe(405);
    expect(tunnel.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(tunnel.body)).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  it('answers a URL with broken percent-encoding with a problem document', async () => {
    const response = await rawRequest(port, `GET /v1/claims/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer x\r\n\r\n`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers refused input on the routes a library serves (the API reference, the queue dashboard) with problem documents, not 500s', async () => {
    const cases = [
      () => t.http.get('/docs?x=%00'),
      () => t.http.get('/docs-json?x=%00'),
      () => t.admin.get('/admin/queues?x=%00'),
      () => t.admin.get('/admin/queues/api/queues?activeQueue=%00'),
      () => t.admin.request('PUT', '/admin/queues/api/queues/reminders/pause', { raw: '[1', headers: { 'content-type': 'application/json' } }),
    ];
    for (const send of cases) expectProblem(await send(), 400, 'VALIDATION_FAILED');
    // Not paused by the refused request.
    const queues = (await t.admin.get('/admin/queues/api/queues')).body.queues as Array<{ name: string; isPaused: boolean }>;
    expect(queues.find((q) => q.name === 'reminders')?.isPaused).toBe(false);
  });
});
