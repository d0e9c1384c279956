import fc from 'fast-check';
import { Client } from 'pg';
import { ERROR_CODES } from '../src/common/http/app-error';
import { startApp, type TestApp } from './support/app';
import { createClaim, inDays } from './support/claims';
import type { HttpResponse } from './support/http';
import { rawRequest } from './support/raw-http';
import { waitFor } from './support/wait';

/**
 * Hostile input against every route of the OpenAPI document: no answer is a 5xx, every error is
 * a problem document with a known code, and a refused request changes no row (docs/api.md,
 * "Bad input"). Seeded and bounded so that it is fast and repeatable: FUZZ_SEED and FUZZ_RUNS
 * replay or widen a run; a failure prints the seed and the request.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: Schema }>;
  body?: Schema;
}

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
}

interface Case {
  method: string;
  url: string;
  headers?: Record<string, string>;
  raw?: string;
}

const KNOWN_CODES = new Set(Object.keys(ERROR_CODES));
/** Tables a refused request may still write: its idempotency record and the migration log. */
const UNWATCHED = ['fuzz_changes', 'migrations', 'idempotency_keys'];

const LONG = 'x'.repeat(20_000);
const NASTY_TEXT = [
  '\u0000',
  'x\uD800y',
  '\uDFFFa',
  LONG,
  '',
  ' ',
  '%00',
  "'; DROP TABLE claims; --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '𝔎𝔢𝔫𝔶𝔞',
  '\u202e',
];
const NASTY_VALUES: unknown[] = [
  ...NASTY_TEXT,
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  2 ** 53 + 1,
  0.5,
  [],
  ['a'],
  {},
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  nested(40),
];

/** Percent-encoding that, unlike encodeURIComponent, also sends lone surrogates (as WTF-8 bytes). */
function encode(text: string): string {
  if (text.isWellFormed()) return encodeURIComponent(text);
  return Array.from(text, (char) => {
    const unit = char.charCodeAt(0);
    if (char.length > 1 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(char);
    return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  }).join('');
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('fuzz: hostile input on every route', () => {
  let t: TestApp;
  let db: Client;
  let port: number;
  let operations: Operation[];
  let schemas: Record<string, Schema>;
  const ids: Record<string, string> = {};
  let cases = 0;

  beforeAll(async () => {
    t = await startApp({ appRole: 'api', rateLimitPerMinute: 10_000_000 });
    port = Number(new URL(t.http.baseUrl).port);
    const claim = (await createClaim(t.admin, { kind: 'promise', text: 'Kenya will be reimbursed the Ksh 2.1 billion for Haiti' })).body;
    await createClaim(t.admin, { text: 'The mission cost Ksh 2.1 billion so far' });
    ids.claims = claim.id;
    ids.evidence = (await t.admin.post(`/v1/claims/${claim.id}/evidence`, { description: 'Treasury statement', stance: 'context' })).body.id;
    ids.reminders = (await t.admin.post(`/v1/claims/${claim.id}/reminders`, { message: 'Ask the Treasury', at: inDays(3) })).body.id;
    ids.sources = (await t.admin.post('/v1/sources', { title: 'Briefing', text: 'The minister said Kenya will be reimbursed by March.' })).body.id;
    ids.webhooks = (await t.admin.post('/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['reminder.due'] })).body.id;
    ids.users = (await t.admin.get('/v1/me')).body.id;
    for (const [name, id] of Object.entries(ids)) if (typeof id !== 'string') throw new Error(`seed ${name} failed`);

    const docs = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };
    schemas = docs.components.schemas;
    operations = [];
    for (const [path, methods] of Object.entries(docs.paths)) {
      if (path === '/v1/events') continue; // a stream: it never ends by itself
      for (const [method, op] of Object.entries(methods)) {
        const parameters = (op.parameters ?? []) as Array<{ name: string; in: string; schema: Schema }>;
        operations.push({
          method: method.toUpperCase(),
          path,
          pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
          body: op.requestBody?.content?.['application/json']?.schema,
        });
      }
    }
    db = new Client({ connectionString: t.db.url });
    await db.connect();
    await db.query(`CREATE TABLE fuzz_changes (id bigserial PRIMARY KEY, table_name text NOT NULL, op text NOT NULL)`);
    await db.query(`CREATE FUNCTION fuzz_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO fuzz_changes (table_name, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`);
    const tables = await db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    for (const { tablename } of tables.rows) {
      if (UNWATCHED.includes(tablename)) continue;
      await db.query(`CREATE TRIGGER fuzz_watch AFTER INSERT OR UPDATE OR DELETE ON "${tablename}" FOR EACH ROW EXECUTE FUNCTION fuzz_note_change()`);
    }
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const changeCount = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM fuzz_changes')).rows[0].n);
  /**
   * The live relay numbers an accepted request's live rows just after its commit, in the
   * background: wait for that before counting, so that it is not taken for the next request's.
   */
  const relayed = () =>
    waitFor(async () => !(await db.query<{ p: boolean }>('SELECT EXISTS (SELECT 1 FROM outbox_events WHERE live AND seq IS NULL) AS p')).rows[0].p, {
      timeoutMs: 5000,
      intervalMs: 5,
      what: 'live rows to be relayed',
    });
  const changedTables = async (after: number) =>
    (await db.query<{ t: string }>("SELECT DISTINCT table_name || ' ' || op AS t FROM fuzz_changes WHERE id > $1", [after])).rows.map((r) => r.t);

  /** Sends one case and checks the answer; throws with the request and the seed on a finding. */
  async function checkCase(request: Case): Promise<void> {
    cases++;
    await relayed();
    const before = await changeCount();
    const beforeId = Number((await db.query<{ m: string | null }>('SELECT max(id) AS m FROM fuzz_changes')).rows[0].m ?? 0);
    const response = await send(request);
    const where = `${request.method} ${request.url.slice(0, 200)}${request.raw ? ` body ${JSON.stringify(request.raw.slice(0, 200))}` : ''} (FUZZ_SEED=${SEED})`;
    if (response.status >= 500) throw new Error(`${response.status} for ${where}: ${response.text.slice(0, 300)}`);
    if (response.status >= 400) {
      if (!response.contentType.startsWith('application/problem+json'))
        throw new Error(`${response.status} not problem+json for ${where}: ${response.text.slice(0, 200)}`);
      const problem = response.body as { code?: string; status?: number };
      if (!problem.code || !KNOWN_CODES.has(problem.code) || problem.status !== response.status)
        throw new Error(`bad problem document for ${where}: ${response.text.slice(0, 300)}`);
      if (/\bat .+\.(ts|js):\d+/.test(response.text)) throw new Error(`stack trace for ${where}`);
      const after = await changeCount();
      if (after !== before) throw new Error(`refused ${response.status} changed ${(await changedTables(beforeId)).join(', ')} for ${where}`);
    }
    if (({} as Record<string, unknown>).polluted !== undefined) throw new Error(`Object.prototype polluted by ${where}`);
  }

  async function send(request: Case): Promise<HttpResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${t.config.adminToken}`, ...request.headers };
    if (request.raw !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(t.http.baseUrl + request.url, { method: request.method, headers, body: request.raw, signal: AbortSignal.timeout(20_000) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: the checks above say so
    }
    return { status: response.status, headers: response.headers, body, text, contentType: response.headers.get('content-type') ?? '' };
  }

  function resolve(schema: Schema | undefined): Schema {
    let current = schema ?? {};
    for (let i = 0; i < 10 && current.$ref; i++) current = schemas[current.$ref.split('/').pop()!] ?? {};
    const union = current.allOf?.[0] ?? current.oneOf?.[0] ?? current.anyOf?.[0];
    return union ? resolve(union) : current;
  }

  /**
   * A value the schema would accept, so that one hostile value elsewhere is what gets tested:
   * an id field gets the id of a row of its own kind, or the request would stop at a 404 before
   * it reached the code that stores the hostile value.
   */
  function plausible(schema: Schema | undefined, depth = 0, name = ''): unknown {
    const s = resolve(schema);
    if (s.enum?.length) return s.enum[0];
    switch (s.type) {
      case 'string':
        if (s.format === 'date-time') return inDays(2);
        if (s.format === 'uuid') return name === 'sourceId' ? ids.sources : /^(assignee|user)Id$/.test(name) ? ids.users : ids.claims;
        if (s.format === 'uri' || s.format === 'url') return 'https://example.org/a';
        if (s.format === 'email') return 'someone@desk.example';
        return 'Kenya will be reimbursed';
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return depth > 4 ? [] : [plausible(s.items, depth + 1)];
      default: {
        if (!s.properties || depth > 4) return {};
        const value: Record<string, unknown> = {};
        for (const [name, property] of Object.entries(s.properties)) value[name] = plausible(property, depth + 1, name);
        return value;
      }
    }
  }

  /** Every place a value can go in a body: [path of keys]. */
  function slots(schema: Schema | undefined, prefix: string[] = [], depth = 0): string[][] {
    const s = resolve(schema);
    if (!s.properties || depth > 3) return [];
    return Object.entries(s.properties).flatMap(([name, property]) => [[...prefix, name], ...slots(property, [...prefix, name], depth + 1)]);
  }

  function withValue(base: unknown, slot: string[], value: unknown): unknown {
    if (slot.length === 0) return value;
    const copy = { ...(base as Record<string, unknown>) };
    copy[slot[0]] = withValue(copy[slot[0]] ?? {}, slot.slice(1), value);
    return copy;
  }

  function url(op: Operation, params: Record<string, string> = {}, query = ''): string {
    let path = op.path;
    for (const name of op.pathParams) {
      const known = params[name] ?? idFor(op.path, name);
      path = path.replace(`{${name}}`, encode(known));
    }
    return query ? `${path}?${query}` : path;
  }

  function idFor(path: string, name: string): string {
    const segments = path.split('/');
    const at = segments.indexOf(`{${name}}`);
    const collection = name === 'evidenceId' ? 'evidence' : segments[at - 1];
    if (collection === 'problems') return 'validation-failed';
    if (collection === 'cal') return 'no-such-feed.ics';
    return ids[collection] ?? '00000000-0000-4000-8000-000000000000';
  }

  const headersFor = (op: Operation): Record<string, string> => (op.method === 'PATCH' || op.path.endsWith('/transitions') ? { 'if-match': '"1"' } : {});

  it('walks every route with hostile values in every path parameter, query parameter and body field', async () => {
    expect(operations.length).toBeGreaterThan(30);
    const findings: string[] = [];
    const check = (request: Case) => checkCase(request).catch((error: Error) => void findings.push(error.message));
    const values = ['\u0000', 'x\uD800y', 'a'.repeat(20_000)];
    for (const op of operations) {
      for (const name of op.pathParams)
        for (const value of values) await check({ method: op.method, url: url(op, { [name]: value }), headers: headersFor(op) });
      for (const { name } of op.queryParams)
        for (const value of values) await check({ method: op.method, url: url(op, {}, `${name}=${encode(value)}`), headers: headersFor(op) });
      if (!op.body) continue;
      const base = plausible(op.body);
      for (const slot of slots(op.body))
        for (const value of [...values, null, [], { __proto__: { polluted: true } }, 1e308])
          await check({ method: op.method, url: url(op), headers: headersFor(op), raw: JSON.stringify(withValue(base, slot, value)) });
    }
    console.info(`fuzz: ${operations.length} operations, ${cases} deterministic cases`);
    expect(findings).toEqual([]);
  }, 240_000);

  it(`holds for generated requests (seed ${SEED}, ${RUNS} runs)`, async () => {
    const start = cases;
    const anyValue = fc.oneof(fc.constantFrom(...NASTY_VALUES), fc.string(), fc.double(), fc.integer(), fc.jsonValue({ maxDepth: 3 }));
    const text = fc.oneof(fc.constantFrom(...NASTY_TEXT), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 30 }));
    const header = fc.record({
      name: fc.constantFrom('if-match', 'idempotency-key', 'content-type', 'accept', 'x-request-id', 'last-event-id', 'cookie', 'authorization', 'origin'),
      value: fc.oneof(
        fc.constantFrom('"1"', '*', 'W/"1"', '', 'a'.repeat(8_000), 'application/json; charset=utf-16', 'Bearer', 'Bearer x y'),
        fc.string({ maxLength: 30 }),
      ),
    });
    const request = fc.record({
      op: fc.constantFrom(...operations),
      param: fc.option(text, { nil: undefined }),
      query: fc.option(
        fc.tuple(
          fc.oneof(fc.constantFrom('limit', 'cursor', 'q', 'status', 'kind', 'assignee', 'due', '__proto__', 'limit[]'), fc.string({ maxLength: 8 })),
          text,
        ),
        {
          nil: undefined,
        },
      ),
      slot: fc.nat(),
      value: anyValue,
      header: fc.option(header, { nil: undefined }),
      raw: fc.option(
        fc.constantFrom(
          '{"a":',
          '[]',
          '"text"',
          'null',
          '1e999999',
          '{"text":"a","text":"b"}',
          '\uFEFF{}',
          '{"__proto__":{"polluted":1}}',
          `{"a":${'['.repeat(5000)}`,
        ),
        {
          nil: undefined,
        },
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ op, param, query, slot, value, header, raw }) => {
        const params = param !== undefined && op.pathParams.length > 0 ? { [op.pathParams[slot % op.pathParams.length]]: param } : {};
        const search = query ? `${encode(query[0])}=${encode(query[1])}` : '';
        const headers: Record<string, string> = { ...headersFor(op) };
        if (header && /^[\t\x20-\x7e\x80-\xff]*$/.test(header.value)) headers[header.name] = header.value;
        let body: string | undefined;
        if (op.body || (raw && (op.method === 'POST' || op.method === 'PATCH'))) {
          const places = slots(op.body);
          body = raw ?? JSON.stringify(places.length ? withValue(plausible(op.body), places[slot % places.length], value) : value);
        }
        if (headers.authorization === undefined) delete headers.authorization;
        await checkCase({ method: op.method, url: url(op, params, search), headers, raw: body });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.info(`fuzz: ${cases - start} generated cases (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS})`);
    expect((await t.admin.get('/v1/me')).status).toBe(200);
  }, 300_000);

  it('answers hostile raw requests as problem documents', async () => {
    const heads = [
      `GET /v1/claims/${'%FF'.repeat(10)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.config.adminToken}\r\n\r\n`,
      `GET /${'a/'.repeat(5000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `POST /v1/claims HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}`,
      `POST /v1/claims HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}`,
      `GET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'t'.repeat(100_000)}\r\n\r\n`,
      `GET /v1/me HTTP/1.1\r\nHo st: x\r\n\r\n`,
    ];
    for (const head of heads) {
      const response = await rawRequest(port, head);
      expect({ head: head.slice(0, 60), status: response.status < 500 }).toEqual({ head: head.slice(0, 60), status: true });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
