// Public tracker bench: every page and feed of /t/<slug> with 10,000 published promises, at a
// steady rate, beside the least work each must do (its own SQL statements replayed straight
// against PostgreSQL), with EXPLAIN ANALYZE of each statement. Not part of `npm test`.
//
//   npm run bench:tracker            # = npm run build && node bench/tracker/run.mjs
//   node bench/tracker/run.mjs --rate=100 --duration=10 --keep
//
// See bench/README.md ("Public tracker") for the method and the figures.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { paced, round, summarize, table } from '../claims/measure.mjs';
import { parseOptions } from '../lib/options.mjs';
import { killAllSync, startNode, stop, stopAll, waitHealthy } from '../lib/processes.mjs';
import { writeResults } from '../lib/results.mjs';
import { assertPortFree, dropDatabase, machine } from '../lib/service.mjs';
import { seedTracker } from './seed.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const SERVICE_ENTRY = join(ROOT, 'dist', 'src', 'main.js');
const CAPTURE = join(HERE, 'capture-sql.cjs');

const DEFAULTS = {
  dbUrl: 'postgres://postgres@127.0.0.1:5432/claimtrack_bench_tracker',
  redisUrl: 'redis://127.0.0.1:6379',
  port: 3821,
  keep: false,
  promises: 10_000,
  statements: 3_000,
  unpublished: 10_000,
  claimants: 200,
  sequential: 300, // requests one after another per page (one reader: no queueing behind the bench's own requests)
  rate: 50, // requests per second, per page, for the paced run
  duration: 10, // s per page
  connections: 10,
  warmup: 100, // requests per page before measuring
  replays: 500, // SQL-only replays per page
};

const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

async function main() {
  const loadAtStart = os.loadavg();
  const opts = parseOptions(process.argv.slice(2), DEFAULTS);
  if (!existsSync(SERVICE_ENTRY)) throw new Error(`${relative(ROOT, SERVICE_ENTRY)} is missing: run \`npm run build\` first`);
  const dbName = decodeURIComponent(new URL(opts.dbUrl).pathname.slice(1));
  const maintenanceUrl = Object.assign(new URL(opts.dbUrl), { pathname: '/postgres' }).toString();
  const adminToken = `bench_${randomBytes(16).toString('hex')}`;
  const serviceUrl = `http://127.0.0.1:${opts.port}`;
  const env = {
    PORT: String(opts.port),
    DATABASE_URL: opts.dbUrl,
    REDIS_URL: opts.redisUrl,
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    APP_ROLE: 'api',
    QUEUE_PREFIX: 'bench-tracker',
    PUBLIC_URL: 'https://news.example.org',
  };
  const captureFile = join(os.tmpdir(), `claimtrack-bench-tracker-${process.pid}.jsonl`);
  const results = { startedAt: new Date().toISOString(), options: opts };
  let db;
  const cleanup = async () => {
    await stopAll();
    rmSync(captureFile, { force: true });
    await db?.end().catch(() => undefined);
    if (!opts.keep) await dropDatabase(maintenanceUrl, dbName).catch((e) => log(`could not drop ${dbName}: ${e.message}`));
    else log(`kept database ${dbName}`);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => cleanup().finally(() => process.exit(130)));
  process.once('exit', killAllSync);

  try {
    await assertPortFree(serviceUrl);
    log(`recreating database ${dbName}`);
    await dropDatabase(maintenanceUrl, dbName);
    writeFileSync(captureFile, '');
    log('starting the service with statement capture (it creates the database and migrates)');
    let service = startNode('service (capture)', ['--require', CAPTURE, SERVICE_ENTRY], { ...env, CAPTURE_SQL_FILE: captureFile }, { cwd: ROOT });
    await waitHealthy(service, `${serviceUrl}/health`);
    db = new pg.Client({ connectionString: opts.dbUrl, application_name: 'claimtrack-bench' });
    await db.connect();
    results.machine = await machine(opts.dbUrl, loadAtStart);

    const api = (path, init = {}) =>
      fetch(serviceUrl + path, {
        ...init,
        headers: { authorization: `Bearer ${init.token ?? adminToken}`, 'content-type': 'application/json' },
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const ws = await api('/v1/workspaces', {
      method: 'POST',
      body: JSON.stringify({ name: `Tracker bench ${randomBytes(3).toString('hex')}`, adminEmail: 'bench@desk.example' }),
    });
    if (ws.status !== 201) throw new Error(`workspace: ${JSON.stringify(ws)}`);
    const settings = await api('/v1/workspace', {
      method: 'PATCH',
      token: ws.body.admin.token,
      body: JSON.stringify({ tracker: { enabled: true, title: 'County promise tracker' } }),
    });
    const slug = settings.body.slug;

    log(`seeding ${opts.promises} published promises, ${opts.statements} published statements, ${opts.unpublished} unpublished claims`);
    const t0 = performance.now();
    results.seeded = await seedTracker(db, { workspaceId: ws.body.id, ...opts });
    // What autovacuum would have done by then on a live desk: statistics and the visibility map.
    await db.query('VACUUM ANALYZE');
    log(`seeded in ${round((performance.now() - t0) / 1000, 1)} s: ${JSON.stringify(results.seeded)}`);

    const top = (
      await db.query(
        `SELECT claimant_name, claimant_slug, count(*)::int AS n FROM tracker_entries WHERE workspace_id = $1 GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
        [ws.body.id],
      )
    ).rows[0];
    const claim = (
      await db.query(
        `SELECT e.claim_id FROM tracker_entries e WHERE e.workspace_id = $1 AND e.kind = 'promise' AND e.rating = 'in_the_works'
            AND (SELECT count(*) FROM tracker_publications p WHERE p.claim_id = e.claim_id) = 2 LIMIT 1`,
        [ws.body.id],
      )
    ).rows[0].claim_id;
    const deepPage = Math.ceil(opts.promises / 50);
    const pages = [
      ['front page (scoreboard + 50 promises)', `/t/${slug}`],
      [`front page, last page (?page=${deepPage})`, `/t/${slug}?page=${deepPage}`],
      ['front page, ?rating=in_the_works', `/t/${slug}?rating=in_the_works`],
      [`front page, ?claimant= (${top.n} claims)`, `/t/${slug}?claimant=${encodeURIComponent(top.claimant_name)}`],
      ['fact-checks', `/t/${slug}/fact-checks`],
      [`claimant page (${top.n} claims)`, `/t/${slug}/claimants/${top.claimant_slug}`],
      ['claim page (2 ratings, evidence, JSON-LD)', `/t/${slug}/claims/${claim}`],
      ['methodology', `/t/${slug}/about`],
      ['Atom feed', `/t/${slug}/feed.xml`],
      ['claimant Atom feed', `/t/${slug}/claimants/${top.claimant_slug}/feed.xml`],
    ];

    // The statements each page runs, captured from the service itself.
    const statements = {};
    for (const [name, path] of pages) {
      writeFileSync(captureFile, '');
      const response = await fetch(serviceUrl + path);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      statements[name] = readFileSync(captureFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        // Only the page's own statements: an API host also runs background sweeps (live relay).
        .filter((st) => /tracker_entries|tracker_publications|FROM workspaces/.test(st.text));
    }
    await stop(service);
    rmSync(captureFile, { force: true });

    log('starting the measured service');
    service = startNode('service', [SERVICE_ENTRY], env, { cwd: ROOT });
    await waitHealthy(service, `${serviceUrl}/health`);

    results.pages = [];
    for (const [name, path] of pages) {
      for (let i = 0; i < opts.warmup; i++) await (await fetch(serviceUrl + path)).arrayBuffer();
      const first = await fetch(serviceUrl + path);
      const bytes = (await first.arrayBuffer()).byteLength;
      const oneByOne = await sequential(serviceUrl + path, opts.sequential);
      const http = await paced({ url: serviceUrl, path, rate: opts.rate, duration: opts.duration, connections: opts.connections });
      // Revalidation: the page is still read and rendered to know its ETag, only the body is not sent.
      const revalidate = await sequential(serviceUrl + path, Math.ceil(opts.sequential / 2), { 'if-none-match': first.headers.get('etag') }, 304);
      const sql = await replay(db, statements[name], opts.replays);
      const plans = [];
      for (const st of statements[name]) plans.push(await explain(db, st));
      results.pages.push({
        name,
        path,
        bytes,
        statements: statements[name].length,
        sequential: oneByOne,
        http,
        revalidate,
        sqlMs: sql,
        plans,
      });
      log(
        `${name}: one at a time p50 ${oneByOne.p50} ms, p95 ${oneByOne.p95} ms; at ${opts.rate}/s p50 ${http.latencyMs.p50} ms, p95 ${http.latencyMs.p95} ms, p99 ${http.latencyMs.p99} ms (${JSON.stringify(http.statuses)}); SQL alone p95 ${sql.p95} ms`,
      );
    }
    results.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));

    console.log(
      `\n${table(
        [
          'page',
          'bytes',
          'statements',
          'one at a time p50',
          'one at a time p95',
          `at ${opts.rate}/s p50`,
          `at ${opts.rate}/s p95`,
          `at ${opts.rate}/s p99`,
          '304 one at a time p95',
          'SQL alone p50',
          'SQL alone p95',
          'slowest statement (EXPLAIN ANALYZE)',
        ],
        results.pages.map((p) => [
          p.name,
          p.bytes,
          p.statements,
          p.sequential.p50,
          p.sequential.p95,
          p.http.latencyMs.p50,
          p.http.latencyMs.p95,
          p.http.latencyMs.p99,
          p.revalidate.p95,
          p.sqlMs.p50,
          p.sqlMs.p95,
          `${Math.max(...p.plans.map((x) => x.executionMs))} ms`,
        ]),
      )}\n`,
    );
    for (const p of results.pages) {
      for (const plan of p.plans) if (plan.seqScans.length > 0) log(`sequential scan in ${p.name}: ${plan.seqScans.join(', ')} — ${plan.sql.slice(0, 120)}`);
    }
    log(`load average at start ${results.machine.loadAverageAtStart.join(' ')}, at end ${results.loadAverageAtEnd.join(' ')} (${results.machine.cpus} cores)`);
    log(`results written to ${writeResults('tracker', results)}`);
  } finally {
    await cleanup();
  }
}

/** `n` GETs, each sent when the previous one has been answered: the latency one reader sees. */
async function sequential(url, n, headers = {}, status = 200) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== status) throw new Error(`${url}: ${response.status}, expected ${status}`);
    times.push(performance.now() - t0);
  }
  return summarize(times);
}

/** The page's statements, one after another on one connection, `n` times: p50/p95 of the set. */
async function replay(db, statements, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    for (const st of statements) await db.query(st.text, st.values);
    times.push(performance.now() - t0);
  }
  return summarize(times);
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement: its execution time, the tables it scans sequentially, its plan. */
async function explain(db, st) {
  const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${st.text}`, st.values);
  const plan = rows[0]['QUERY PLAN'][0];
  const seqScans = [];
  const walk = (node) => {
    if (node['Node Type'] === 'Seq Scan') seqScans.push(node['Relation Name']);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  return {
    sql: st.text.replace(/\s+/g, ' ').trim(),
    executionMs: round(plan['Execution Time'], 3),
    planningMs: round(plan['Planning Time'], 3),
    seqScans,
    plan: plan.Plan,
  };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
