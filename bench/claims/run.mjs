// Claims bench: 100,000 claims of a desk's clustered stories seeded, the filtered lists over
// them (latency and EXPLAIN), then POST /v1/claims into that workspace beside a bare Fastify + pg
// handler doing only the claim and history inserts, taking turns. Not part of `npm test`.
//
//   npx nest build && node bench/claims/run.mjs [--keep] [--rounds=3] [--write-amount=N] …
//
// See bench/README.md ("Claims: write path and list") for the method and the figures.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { countMatching, explain, listPath, listQueries, loadClaimSearch, serviceListSql } from './list-queries.mjs';
import { load, paced, round, table } from './measure.mjs';
import { killAllSync, startNode, stop, stopAll, waitHealthy } from '../lib/processes.mjs';
import { parseOptions } from '../lib/options.mjs';
import { writeResults } from '../lib/results.mjs';
import { loadFingerprint, seedClaims } from './seed.mjs';
import { claimBody, rng } from './vocabulary.mjs';
import { matchingAtScale, writeRuns } from './write-path.mjs';
import { assertPortFree, dropDatabase } from '../lib/service.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const SERVICE_ENTRY = join(ROOT, 'dist', 'src', 'main.js');
const BARE_ENTRY = join(HERE, 'bare-server.mjs');
const CAPTURE = join(HERE, 'capture-sql.cjs');

const DEFAULTS = {
  dbUrl: 'postgres://postgres@127.0.0.1:5432/claimtrack_bench',
  redisUrl: 'redis://127.0.0.1:6379',
  port: 3811,
  barePort: 3812,
  keep: false, // keep the bench database at the end
  allowSqlDiff: false, // go on measuring when the bare list handler's statements differ from the service's
  parityRequests: 10,
  // Write path into the seeded workspace: service and bare baseline alternate.
  rounds: 3,
  writeConnections: 50,
  warmup: 2, // s, before each run
  writeAmount: 3000, // requests per measured run
  matchingChecks: 50, // rewordings and new claims posted one by one after the runs
  // Lists over the seeded claims.
  claims: 100_000,
  listDuration: 3, // s per load level
  listWarmup: 1, // s per compared list and implementation, all of them before the first is measured
  listConnections: 10,
  listRate: 200, // req/s for the paced level
  skipList: false,
  skipWrite: false,
  cpuProf: '', // a directory: the measured service runs with --cpu-prof and writes its profile there on stop
};

let interrupted = false;
const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
const normalize = (sql) => sql.replace(/\s+/g, ' ').trim();

async function main() {
  const loadAtStart = os.loadavg();
  const opts = parseOptions(process.argv.slice(2), DEFAULTS);
  if (!existsSync(SERVICE_ENTRY)) throw new Error(`${relative(ROOT, SERVICE_ENTRY)} is missing: run \`npx nest build\` first`);
  loadClaimSearch(ROOT);
  const dbName = decodeURIComponent(new URL(opts.dbUrl).pathname.slice(1));
  const maintenanceUrl = Object.assign(new URL(opts.dbUrl), { pathname: '/postgres' }).toString();
  const adminToken = `bench_${randomBytes(16).toString('hex')}`;
  const serviceUrl = `http://127.0.0.1:${opts.port}`;
  const bareUrl = `http://127.0.0.1:${opts.barePort}`;
  const serviceEnv = {
    PORT: String(opts.port),
    DATABASE_URL: opts.dbUrl,
    REDIS_URL: opts.redisUrl,
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    APP_ROLE: 'api',
    QUEUE_PREFIX: 'bench',
  };
  const bareEnv = { PORT: String(opts.barePort), DATABASE_URL: opts.dbUrl };
  const results = { startedAt: new Date().toISOString(), options: opts };
  const captureFile = join(os.tmpdir(), `claimtrack-bench-${process.pid}.sql.jsonl`);
  let db;
  let cleanedUp = false;

  const cleanup = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    await stopAll();
    rmSync(captureFile, { force: true });
    await db?.end().catch(() => undefined);
    if (!opts.keep) await dropDatabase(maintenanceUrl, dbName).catch((e) => log(`could not drop ${dbName}: ${e.message}`));
    else log(`kept database ${dbName} (${opts.dbUrl})`);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      interrupted = true;
      log(`${signal}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }
  process.once('exit', killAllSync);

  try {
    // ---------------------------------------------------------------- database and accounts
    log(`recreating database ${dbName}`);
    await dropDatabase(maintenanceUrl, dbName);

    // Capture copies: the service and the bare handler with capture-sql.cjs preloaded, to
    // record the statements of one POST and one GET each. Stopped before anything is measured.
    for (const url of [serviceUrl, bareUrl]) await assertPortFree(url);
    writeFileSync(captureFile, '');
    log('starting the service (statement capture copy; it creates the database and migrates)');
    let service = startNode('service (capture)', ['--require', CAPTURE, SERVICE_ENTRY], { ...serviceEnv, CAPTURE_SQL_FILE: captureFile }, { cwd: ROOT });
    await waitHealthy(service, `${serviceUrl}/health`);
    db = new pg.Client({ connectionString: opts.dbUrl, application_name: 'claimtrack-bench' });
    await db.connect();
    results.machine = await machine(db, opts, loadAtStart);
    if (results.machine.loadAverageAtStart[0] > results.machine.cpus / 2)
      log(`warning: load average ${results.machine.loadAverageAtStart[0]} on ${results.machine.cpus} cores: something else is running, figures will be noisy`);

    const accounts = await setUpAccounts(serviceUrl, adminToken);
    const sampleList = listPath(listQueries({ seededAt: Date.now() })[0].query);
    results.capture = { service: await captureOne(serviceUrl, accounts.write.token, captureFile, sampleList) };
    await stop(service);
    let bare = startNode('bare (capture)', ['--require', CAPTURE, BARE_ENTRY], { ...bareEnv, CAPTURE_SQL_FILE: captureFile }, { cwd: ROOT });
    await waitHealthy(bare, `${bareUrl}/health`);
    results.capture.bare = await captureOne(bareUrl, accounts.write.token, captureFile, sampleList);
    await stop(bare);
    rmSync(captureFile, { force: true });
    // The POST baseline is the least work (claim + history in one transaction), so the lists
    // differ by design: printed to show what the service pays beyond it. The list baseline runs
    // the service's own list SQL, and must.
    results.capture.same = {
      post: compareStatements('POST /v1/claims', results.capture.service.post, results.capture.bare.post),
      list: compareStatements(`GET ${sampleList}`, results.capture.service.list, results.capture.bare.list),
    };
    if (!results.capture.same.list && !opts.allowSqlDiff) {
      throw new Error(
        'the bare list handler does not run the same statements as the service (above): update listClaims in bench/claims/bare-server.mjs, or pass --allow-sql-diff',
      );
    }

    // ---------------------------------------------------------------- the measured processes
    log('starting the service and the bare handler');
    const profile = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(opts.cpuProf)}`] : [];
    service = startNode('service', [...profile, SERVICE_ENTRY], serviceEnv, { cwd: ROOT });
    bare = startNode('bare', [BARE_ENTRY], bareEnv, { cwd: ROOT });
    await Promise.all([waitHealthy(service, `${serviceUrl}/health`), waitHealthy(bare, `${bareUrl}/health`)]);
    const impls = [
      { name: 'service', url: serviceUrl, child: service },
      { name: 'bare', url: bareUrl, child: bare },
    ];

    results.parity = await rowParity(db, impls, accounts.write.token, opts.parityRequests);
    if (!(results.parity.perRequest.bare.claims === 1 && results.parity.perRequest.bare.claim_events === 1))
      throw new Error('the bare handler must write one claim and one history entry per POST');

    // ---------------------------------------------------------------- 100k claims
    log(`seeding ${opts.claims} claims into one workspace (the service's INSERTs, match words included)`);
    const seededAt = Date.now();
    let t = Date.now();
    const fingerprint = loadFingerprint(ROOT);
    const seededParts = await seedClaims(db, {
      root: ROOT,
      workspaceId: accounts.list.workspaceId,
      createdBy: accounts.list.adminId,
      assigneeIds: accounts.list.checkers.map((c) => c.id),
      count: opts.claims,
      now: seededAt,
    });
    const seedS = (Date.now() - t) / 1000;
    t = Date.now();
    await db.query('VACUUM (ANALYZE) claims');
    results.seed = {
      claims: opts.claims,
      seconds: round(seedS, 1),
      vacuumAnalyzeSeconds: round((Date.now() - t) / 1000, 1),
      tableSize: (await db.query(`SELECT pg_size_pretty(pg_total_relation_size('claims')) AS s`)).rows[0].s,
    };
    log(`seeded in ${results.seed.seconds} s; VACUUM (ANALYZE) in ${results.seed.vacuumAnalyzeSeconds} s; claims with indexes: ${results.seed.tableSize}`);

    if (!opts.skipList) results.list = await listRuns(db, serviceUrl, bareUrl, accounts.list, seededAt, opts);

    // ---------------------------------------------------------------- write path at 100k claims
    if (!opts.skipWrite) {
      // The service builds its matching index of a workspace on its first request there (as any
      // API host does once after it starts): not a cost of the creations measured.
      t = Date.now();
      const first = await fetch(`${serviceUrl}/v1/claims/similar?text=${encodeURIComponent('The Haiti mission')}`, {
        headers: { authorization: `Bearer ${accounts.list.token}` },
      });
      if (!first.ok) throw new Error(`GET /v1/claims/similar: ${first.status}`);
      results.firstMatchMs = Date.now() - t;
      log(`the service's first request into the workspace (its matching index built) took ${results.firstMatchMs} ms`);
      log(
        `write path: ${opts.rounds} rounds × (service, bare) alternating, ${opts.writeConnections} connections, ${opts.writeAmount} POSTs per run after ${opts.warmup} s of warm-up, into the workspace of ${opts.claims} claims`,
      );
      results.write = await writeRuns(db, impls, {
        token: accounts.list.token,
        seededParts,
        rounds: opts.rounds,
        connections: opts.writeConnections,
        amount: opts.writeAmount,
        warmup: opts.warmup,
        log,
        waitIdle,
      });
      log(`matching at scale: ${opts.matchingChecks} rewordings of seeded claims and ${opts.matchingChecks} new claims, one at a time`);
      results.matching = await matchingAtScale(db, {
        url: serviceUrl,
        token: accounts.list.token,
        workspaceId: accounts.list.workspaceId,
        seededParts,
        n: opts.matchingChecks,
        fingerprint,
      });
    }

    results.machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
    report(results);
    log(`results written to ${writeResults('claims', results)}`);
  } finally {
    await cleanup();
  }
}

// ==================================================================== setup

async function api(baseUrl, method, path, token, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
  return json;
}

/** Two workspaces: one receives the write runs, the other holds the 100k claims for the lists. */
async function setUpAccounts(baseUrl, adminToken) {
  const desk = async (name, checkers) => {
    const ws = await api(baseUrl, 'POST', '/v1/workspaces', adminToken, { name, adminEmail: `admin@${name.toLowerCase().replace(/\W+/g, '-')}.invalid` });
    const users = [];
    for (let i = 1; i <= checkers; i++) {
      const u = await api(baseUrl, 'POST', '/v1/users', ws.admin.token, { email: `checker${i}@${ws.id}.invalid`, name: `Checker ${i}`, role: 'checker' });
      users.push({ id: u.id, token: u.token });
    }
    return { workspaceId: ws.id, adminId: ws.admin.id, checkers: users, token: users[0].token, userId: users[0].id };
  };
  return { write: await desk('Bench write desk', 1), list: await desk('Bench list desk', 8) };
}

async function machine(db, opts, loadAtStart) {
  const cpus = os.cpus();
  const pgInfo = (
    await db.query(`SELECT version() AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm,
    current_setting('max_parallel_workers_per_gather') AS par, current_setting('jit') AS jit, current_setting('synchronous_commit') AS sc`)
  ).rows[0];
  let redis = null;
  try {
    const Redis = createRequire(join(ROOT, 'package.json'))('ioredis');
    const client = new Redis(opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    redis = /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? null;
    client.disconnect();
  } catch {
    // not essential
  }
  const git = (args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  const versions = (name) => {
    try {
      return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return null;
    }
  };
  return {
    loadAverageAtStart: loadAtStart.map((x) => round(x, 2)),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: pgInfo.v.split(' on ')[0],
    postgresSettings: {
      shared_buffers: pgInfo.sb,
      work_mem: pgInfo.wm,
      max_parallel_workers_per_gather: pgInfo.par,
      jit: pgInfo.jit,
      synchronous_commit: pgInfo.sc,
    },
    redis,
    packages: Object.fromEntries(['@nestjs/core', '@nestjs/platform-fastify', 'fastify', 'typeorm', 'pg', 'autocannon'].map((p) => [p, versions(p)])),
    git: { commit: git(['rev-parse', '--short', 'HEAD']), dirtyFiles: Number(git(['status', '--porcelain'])?.split('\n').filter(Boolean).length ?? 0) },
  };
}

// ==================================================================== statements and rows

/** The statements one POST and one GET ran in the instance writing to `file` (capture-sql.cjs). */
async function captureOne(baseUrl, token, file, listPathAndQuery) {
  const statementsOf = async (request) => {
    await sleep(200);
    const offset = statSync(file).size;
    await request();
    await sleep(200);
    return readFileSync(file, 'utf8')
      .slice(offset)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .map((s) => ({ sql: normalize(s.text), params: s.params }))
      .filter(withoutBackground());
  };
  // One of each first, uncounted: the pool's first connection may run set-up statements.
  await api(baseUrl, 'POST', '/v1/claims', token, claimBody(rng(7)));
  await api(baseUrl, 'GET', listPathAndQuery, token);
  return {
    post: await statementsOf(() => api(baseUrl, 'POST', '/v1/claims', token, claimBody(rng(8)))),
    list: await statementsOf(() => api(baseUrl, 'GET', listPathAndQuery, token)),
  };
}

/**
 * The live relay's sweep (src/events/live-relay.ts) runs on its own every second and after live
 * writes, in a transaction of its own: not part of any request, it is left out of the lists. Its
 * statements come as a single-statement check, or START TRANSACTION, the advisory lock, the
 * numbering and COMMIT (another connection: never interleaved with a request's transaction there).
 */
function withoutBackground() {
  const relay = /pg_advisory_xact_lock|outbox_events WHERE live AND seq IS NULL/;
  let inRelay = false;
  return (s, i, all) => {
    if (relay.test(s.sql)) {
      inRelay = !s.sql.startsWith('SELECT EXISTS');
      return false;
    }
    if (s.sql === 'START TRANSACTION' && all[i + 1] && /pg_advisory_xact_lock/.test(all[i + 1].sql)) return false;
    if (inRelay && s.sql === 'COMMIT') {
      inRelay = false;
      return false;
    }
    return true;
  };
}

function compareStatements(label, service, bare) {
  const width = 110;
  const cut = (s) => (s.length > width ? `${s.slice(0, width - 1)}…` : s);
  const n = Math.max(service.length, bare.length);
  let same = service.length === bare.length;
  console.log(`\nStatements of one ${label} (whitespace normalized):`);
  for (let i = 0; i < n; i++) {
    const a = service[i];
    const b = bare[i];
    const equal = a && b && a.sql === b.sql && a.params === b.params;
    if (!equal) same = false;
    console.log(`  ${String(i + 1).padStart(2)}. ${equal ? 'same   ' : 'DIFFERS'} service: ${a ? `${cut(a.sql)} [${a.params} params]` : '(none)'}`);
    if (!equal) console.log(`      ${' '.repeat(7)} bare:    ${b ? `${cut(b.sql)} [${b.params} params]` : '(none)'}`);
  }
  console.log(same ? `  → the bare handler runs the same ${n} statements as the service\n` : '  → THE STATEMENTS DIFFER\n');
  return same;
}

async function tables(db) {
  const { rows } = await db.query(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

async function rowCounts(db, names) {
  const { rows } = await db.query(`SELECT ${names.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(', ')}`);
  return rows[0];
}

/** The rows each implementation writes per POST, per table (the service writes more: outbox rows). */
async function rowParity(db, impls, token, n) {
  const names = await tables(db);
  const perRequest = {};
  for (const impl of impls) {
    const before = await rowCounts(db, names);
    const r = rng(impl.name === 'service' ? 11 : 12);
    for (let i = 0; i < n; i++) await api(impl.url, 'POST', '/v1/claims', token, claimBody(r));
    await new Promise((res) => setTimeout(res, 200));
    const after = await rowCounts(db, names);
    perRequest[impl.name] = Object.fromEntries(names.map((t) => [t, (after[t] - before[t]) / n]));
  }
  const changed = names.filter((t) => perRequest.service[t] !== 0 || perRequest.bare[t] !== 0);
  const same = names.every((t) => perRequest.service[t] === perRequest.bare[t]);
  console.log(`Rows written per request (${n} requests each; tables with no change left out):`);
  console.log(
    table(
      ['table', 'service', 'bare'],
      changed.map((t) => [t, perRequest.service[t], perRequest.bare[t]]),
    ),
  );
  console.log('');
  return { requests: n, perRequest, same };
}

/**
 * Waits until no statement of the bench database is running: autocannon stops at the end of a
 * duration with requests still in flight, and the servers finish them; the next run must not
 * compete with that tail.
 */
async function waitIdle(db, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 3) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'`);
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    if (Date.now() > deadline) throw new Error(`the database was still busy ${timeoutMs / 1000} s after a run`);
    await sleep(100);
  }
}

// ==================================================================== write path

function badStatuses(run) {
  const bad = Object.entries(run.statuses).filter(([code]) => Number(code) >= 300);
  return bad.length || run.errors || run.timeouts
    ? `  !! non-2xx ${JSON.stringify(Object.fromEntries(bad))} errors=${run.errors} timeouts=${run.timeouts}`
    : '';
}

// ==================================================================== lists

async function listRuns(db, serviceUrl, bareUrl, desk, seededAt, opts) {
  const headers = { authorization: `Bearer ${desk.token}` };
  const actor = { workspaceId: desk.workspaceId, userId: desk.userId };
  const out = [];
  log(
    `lists: every compared list ${opts.listWarmup} s on each implementation first; then per query, EXPLAIN (ANALYZE, BUFFERS), then ${opts.listDuration} s each: 1 connection back to back, a steady ${opts.listRate} req/s (open loop), ${opts.listConnections} connections flat out`,
  );
  // Both processes have just started: each runs every compared list once over before any is
  // measured, so that the list measured first does not pay for the JIT and the pools warming up.
  for (const q of listQueries({ seededAt }).filter((query) => query.compare)) {
    for (const url of [serviceUrl, bareUrl]) {
      await load({ url, path: listPath(q.query), headers, connections: opts.listConnections, duration: opts.listWarmup });
    }
  }
  await waitIdle(db);
  for (const q of listQueries({ seededAt })) {
    const path = listPath(q.query);
    const entry = { name: q.name, path, target: Boolean(q.target), explainOnly: Boolean(q.explainOnly) };
    try {
      const statement = await serviceListSql(ROOT, actor, q.query);
      entry.sql = statement.sql;
      entry.params = statement.params;
      entry.matching = await countMatching(db, statement);
      entry.explain = await explain(db, statement);
    } catch (error) {
      entry.explainError = error.message;
      log(`  ${q.name}: EXPLAIN failed: ${error.message}`);
    }
    if (q.explainOnly) {
      const e = entry.explain;
      log(
        `  ${q.name.padEnd(22)} matching ${String(entry.matching ?? '?').padStart(6)}  (EXPLAIN only)  SQL ${e?.executionMs ?? '?'} ms  ${e?.seqScanOnClaims ? 'SEQ SCAN ' : ''}${e?.bitmapAnd ? 'BitmapAnd ' : ''}${e?.top ?? ''}`,
      );
      out.push(entry);
      continue;
    }
    const first = await fetch(`${serviceUrl}${path}`, { headers });
    const page = await first.json();
    if (first.status !== 200) throw new Error(`GET ${path} → ${first.status}: ${JSON.stringify(page)}`);
    entry.items = page.items.length;
    const measure = async (url) => {
      await load({ url, path, headers, connections: opts.listConnections, duration: 1 }); // warm-up
      await waitIdle(db);
      const sequential = await load({ url, path, headers, connections: 1, duration: opts.listDuration });
      await waitIdle(db);
      const steady = await paced({ url, path, headers, connections: opts.listConnections, rate: opts.listRate, duration: opts.listDuration });
      await waitIdle(db);
      const concurrent = await load({ url, path, headers, connections: opts.listConnections, duration: opts.listDuration });
      await waitIdle(db);
      for (const run of [sequential, steady, concurrent]) {
        if (run.ok === 0 || badStatuses(run)) throw new Error(`GET ${url}${path}: ${badStatuses(run) || 'no 2xx response'}`);
      }
      return { sequential, paced: steady, concurrent };
    };
    Object.assign(entry, await measure(serviceUrl));
    // The same SQL from the bare handler, for the framework's share of a cheap request.
    if (q.compare) entry.bare = await measure(bareUrl);
    const e = entry.explain;
    const line = (m) =>
      `1c p95 ${m.sequential.latencyMs.p95} ms  @${opts.listRate}/s p95 ${m.paced.latencyMs.p95} ms  ${opts.listConnections}c p95 ${m.concurrent.latencyMs.p95} ms (${m.concurrent.reqPerSec} req/s)`;
    log(
      `  ${q.name.padEnd(22)} matching ${String(entry.matching ?? '?').padStart(6)}  ${line(entry)}  SQL ${e?.executionMs ?? '?'} ms  ${e?.seqScanOnClaims ? 'SEQ SCAN ' : ''}${e?.bitmapAnd ? 'BitmapAnd ' : ''}${e?.top ?? ''}`,
    );
    if (entry.bare) log(`  ${'  bare, same SQL'.padEnd(22)} ${''.padStart(15)}  ${line(entry.bare)}`);
    out.push(entry);
  }
  return out;
}

// ==================================================================== report

function report(results) {
  const m = results.machine;
  console.log(`\n## Claims bench — ${results.startedAt}`);
  console.log(
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}; ${m.postgres}; Redis ${m.redis}; git ${m.git.commit}${m.git.dirtyFiles ? ` (+${m.git.dirtyFiles} changed files)` : ''}`,
  );
  console.log(
    `load average (1/5/15 min) at start ${m.loadAverageAtStart.join(' ')}, at end ${m.loadAverageAtEnd.join(' ')}${m.loadAverageAtStart[0] > m.cpus / 2 ? ' — the machine was busy before the bench started: figures are noisy' : ''}\n`,
  );
  if (results.write) {
    const w = results.write;
    console.log(`### Write path (POST /v1/claims) into the workspace of ${results.options.claims} seeded claims: ${w.method}\n`);
    console.log(
      table(
        ['round', 'impl', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'claims after', 'load 1m before→after', 'cores busy %', 'of which others %'],
        w.runs.map((r) => [
          r.round,
          r.impl,
          r.reqPerSec,
          r.latencyMs.p50,
          r.latencyMs.p95,
          r.latencyMs.p99,
          r.claimsAfter,
          `${r.load.loadAverage1mBefore}→${r.load.loadAverage1mAfter}`,
          r.load.coresBusyPct,
          r.load.othersPct,
        ]),
      ),
    );
    console.log(
      `\nservice ${w.serviceReqPerSec} req/s, bare ${w.bareReqPerSec} req/s: ratio ${w.ratio} (per round ${w.roundRatios.join(', ')}); p99 ${w.serviceP99} vs ${w.bareP99} ms: ${w.p99Ratio}× (target ≥ 0.6× and p99 ≤ 2×: ${w.met ? 'met' : 'NOT MET'})\n`,
    );
  }
  if (results.matching) {
    const m = results.matching;
    console.log(`### Matching at ${results.options.claims}+ claims\n`);
    console.log(
      `rewordings of seeded claims: original in the 201's similar ${m.rewordings.originalIn201}/${m.rewordings.n}, in GET …/similar ${m.rewordings.originalInList}/${m.rewordings.n}; new claims: listed p50 ${m.newClaims.listed.p50}, p99 ${m.newClaims.listed.p99}, max ${m.newClaims.listed.max}; the 201's similar is the first five of GET …/similar for ${m.createdIsFirstFiveOfList.same} of ${m.createdIsFirstFiveOfList.of}`,
    );
    const x = m.index;
    console.log(
      `matching index of ${x.claims} claims, built in ${x.buildMs} ms as an API host builds it, ${x.heapMB} MB of heap; a match scored ${x.scored.mean} claims on average (p99 ${x.scored.p99}, max ${x.scored.max}) in p50 ${x.matchMs.p50} ms, p99 ${x.matchMs.p99} ms\n`,
    );
    console.log('');
  }
  if (results.list) {
    const c = results.options.listConnections;
    const r = results.options.listRate;
    console.log(`### Lists over ${results.options.claims} claims (limit=50), latency in ms\n`);
    console.log(
      `1c: one connection, back to back. @${r}/s: a steady ${r} req/s, open loop (up to ${c} sockets). ${c}c: ${c} connections flat out (saturates the 2 cores; latency there is queueing).\n`,
    );
    console.log(
      table(
        ['list', 'matching', '1c p50', '1c p95', '1c p99', `@${r}/s p50`, `@${r}/s p95`, `@${r}/s p99`, `${c}c p95`, `${c}c req/s`, 'SQL ms', 'plan (claims)'],
        results.list
          .filter((e) => !e.explainOnly)
          .map((e) => [
            e.name + (e.target ? ' *' : ''),
            e.matching,
            e.sequential.latencyMs.p50,
            e.sequential.latencyMs.p95,
            e.sequential.latencyMs.p99,
            e.paced.latencyMs.p50,
            e.paced.latencyMs.p95,
            e.paced.latencyMs.p99,
            e.concurrent.latencyMs.p95,
            e.concurrent.reqPerSec,
            e.explain?.executionMs,
            e.explain ? `${e.explain.seqScanOnClaims ? '**SEQ SCAN** ' : ''}${e.explain.scans.filter((s) => /claims/.test(s)).join(' + ')}` : e.explainError,
          ]),
      ),
    );
    const compared = results.list.filter((e) => e.bare);
    if (compared.length) {
      console.log(`\nThe same lists from the bare handler (same SQL): the framework's share where the SQL is cheap\n`);
      console.log(
        table(
          ['list', 'service 1c p50', 'bare 1c p50', `service @${r}/s p95`, `bare @${r}/s p95`, `service ${c}c req/s`, `bare ${c}c req/s`, `ratio ${c}c`],
          compared.map((e) => [
            e.name,
            e.sequential.latencyMs.p50,
            e.bare.sequential.latencyMs.p50,
            e.paced.latencyMs.p95,
            e.bare.paced.latencyMs.p95,
            e.concurrent.reqPerSec,
            e.bare.concurrent.reqPerSec,
            round(e.concurrent.reqPerSec / e.bare.concurrent.reqPerSec, 2),
          ]),
        ),
      );
    }
    const explained = results.list.filter((e) => e.explainOnly);
    if (explained.length) {
      console.log('\nEXPLAIN only (no load):\n');
      console.log(
        table(
          ['list', 'matching', 'SQL ms', 'plan (claims)'],
          explained.map((e) => [
            e.name,
            e.matching,
            e.explain?.executionMs,
            e.explain ? `${e.explain.seqScanOnClaims ? '**SEQ SCAN** ' : ''}${e.explain.scans.filter((s) => /claims/.test(s)).join(' + ')}` : e.explainError,
          ]),
        ),
      );
    }
    const target = results.list.find((e) => e.target);
    console.log(
      `\n* target: p95 < 20 ms. ${target.name}: ${target.sequential.latencyMs.p95} ms at 1 connection, ${target.paced.latencyMs.p95} ms at ${r} req/s, ${target.concurrent.latencyMs.p95} ms at ${c} connections flat out.`,
    );
    const slow = results.list
      .filter((e) => e.sequential?.latencyMs.p95 >= 20 || e.paced?.latencyMs.p95 >= 20 || (e.explain?.executionMs ?? 0) >= 20)
      .map((e) => e.name);
    if (slow.length) console.log(`p95 ≥ 20 ms at 1 connection or ${r} req/s, or SQL ≥ 20 ms: ${slow.join(', ')}`);
    const seq = results.list.filter((e) => e.explain?.seqScanOnClaims).map((e) => e.name);
    console.log(seq.length ? `Sequential scans on claims: ${seq.join(', ')}` : 'No list uses a sequential scan on claims.');
    const and = results.list.filter((e) => e.explain?.bitmapAnd).map((e) => e.name);
    if (and.length) console.log(`BitmapAnd plans: ${and.join(', ')}`);
    console.log('');
  }
}

main().catch((error) => {
  if (interrupted) return;
  console.error(`\nclaims bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
