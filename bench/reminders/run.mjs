// Reminders bench: a burst of 10,000 reminders due in the same second (time until every webhook
// is delivered, lateness of the firings, a bare BullMQ baseline), a steady stream of 1,000 a
// second (steady.mjs), and the Redis memory with 1,000,000 reminders scheduled months ahead.
// Not part of `npm test`.
//
//   npx nest build && node bench/reminders/run.mjs [all|burst|steady|memory] [--runs=2] [--keep] …
//
// Method and figures: bench/README.md, "Reminders: a burst of 10,000 and a million ahead".
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Redis from 'ioredis';
import pg from 'pg';
import { killAllSync, startNode, startProcess, stop, stopAll, tail, waitHealthy } from '../lib/processes.mjs';
import { parseOptions } from '../lib/options.mjs';
import {
  bareBaseline,
  counterDelta,
  dbName,
  deletePrefix,
  eventLoopLag,
  flushCalls,
  insertReminders,
  measureRun,
  log,
  nowMs,
  pgActivitySampler,
  pgCounters,
  serviceEnv,
  sinkGet,
  sleepUntil,
  startWorker,
  t0,
  table,
  waitQuiet,
  warnings,
} from './common.mjs';
import { printSteady, steady } from './steady.mjs';
import { cpuDelta, cpuSnapshot, machineBusyPct } from './system.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const HORIZON_MS = 60_000; // src/reminders/reminder-timers.ts

const DEFAULTS = {
  dbUrl: 'postgres://postgres@127.0.0.1:5432/claimtrack_bench_reminders',
  redisUrl: 'redis://127.0.0.1:6379',
  privateRedis: false, // start a private redis-server (no persistence) on --private-redis-port instead of using --redis-url
  privateRedisPort: 6391,
  prefix: 'benchrem', // BullMQ prefix of the burst; the memory bench uses <prefix>-mem, the baseline <prefix>-bare
  apiPort: 3821,
  metricsPort: 3822,
  sinkPort: 3823,
  keep: false, // keep the bench database at the end
  // Burst
  reminders: 10_000, // per run, all due within the same second T
  claims: 100,
  users: 10,
  runs: 2, // full bursts (all the bursts are inserted at once and armed by the sweep before the first T)
  spacing: 40, // s between full bursts
  fireOnlyGap: 12, // s from the fire-only burst (first) to the first full burst
  lead: 80, // s from inserting the reminders to the first T (the sweep arms them at T - 60 s)
  runTimeout: 60, // s after T to give up waiting for a burst's deliveries
  fireOnly: true, // first, a burst in a second workspace without webhooks: the fire path alone, no sends
  baseline: true, // the bare BullMQ drain, after the bursts (and a bare stream after the steady run)
  // Steady: reminders due at `rate` a second for `duration` s, all armed by the sweep before the first is due
  rate: 1000,
  duration: 30,
  // Memory
  memoryReminders: 1_000_000,
  memoryWorkerSeconds: 15,
  explainRepeats: 5,
  // Wait (up to quietWait s) for the machine to be less than quietBusy % busy before measuring; 0: don't wait
  quietBusy: 35,
  quietWait: 60,
};

function parseRunOptions(argv) {
  const opts = parseOptions(argv, DEFAULTS, ['all', 'burst', 'steady', 'memory']);
  if (opts.lead * 1000 <= HORIZON_MS + 5000) throw new Error('--lead must be more than 65 s: the reminders must be armed by the sweep, not at insertion');
  if (((opts.fireOnly ? opts.fireOnlyGap : 0) + (opts.runs - 1) * opts.spacing) * 1000 > HORIZON_MS - 8000)
    throw new Error('--fire-only-gap + (--runs - 1) × --spacing must be at most 52 s, so that every burst is armed by the sweep before the first one starts');
  if (opts.duration * 1000 > HORIZON_MS - 8000)
    throw new Error('--duration must be at most 52 s, so that the whole stream is armed by the sweep before it starts');
  return opts;
}

/** A copy of dist/ (others rebuild it while we run: `nest build` deletes it first). */
async function snapshotDist() {
  const dist = join(ROOT, 'dist');
  const entry = join(dist, 'src', 'main.js');
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ready = existsSync(entry) && existsSync(join(dist, 'migrations')) && existsSync(join(dist, 'src', 'reminders', 'firing.service.js'));
    if (ready && Date.now() - statSync(entry).mtimeMs > 3000) break;
    if (Date.now() > deadline) throw new Error(`${relative(ROOT, entry)} is missing: run \`npx nest build\` first`);
    await sleep(1000);
  }
  const dir = join(os.tmpdir(), `claimtrack-bench-reminders-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const count = (d) => readdirSync(d, { recursive: true }).length;
  const before = count(dist);
  cpSync(dist, join(dir, 'dist'), { recursive: true });
  if (count(join(dir, 'dist')) !== before || count(dist) !== before) throw new Error('dist/ changed while it was copied (a build running?); try again');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, entry: join(dir, 'dist', 'src', 'main.js'), builtAt: new Date(statSync(entry).mtimeMs).toISOString() };
}

async function api(base, token, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** Every key under `<prefix>:`: how many, their bytes (MEMORY USAGE … SAMPLES 0). */
async function prefixFootprint(redis, prefix) {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  const sizes = [];
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (batch.length === 0) continue;
    keys += batch.length;
    const pipeline = redis.pipeline();
    for (const key of batch) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    const replies = await pipeline.exec();
    replies.forEach(([, n], i) => {
      bytes += Number(n ?? 0);
      sizes.push([batch[i], Number(n ?? 0)]);
    });
  } while (cursor !== '0');
  // The biggest keys, job hashes summed as one line (<prefix>:<queue>:<job id> → <prefix>:<queue>:*job*)
  const grouped = new Map();
  for (const [key, n] of sizes) {
    const group = /^[^:]+:[^:]+:(due-|send-|rescue-|repeat:|\d+$)/.test(key) ? key.replace(/^([^:]+:[^:]+):.*$/, '$1:<job>') : key;
    const g = grouped.get(group) ?? { key: group, keys: 0, bytes: 0 };
    g.keys++;
    g.bytes += n;
    grouped.set(group, g);
  }
  return { keys, bytes, top: [...grouped.values()].sort((a, b) => b.bytes - a.bytes).slice(0, 12) };
}

/** How many of a burst's timers (`due-<ms>` jobs, one per distinct due millisecond) are in Redis. */
/** The service sets one timer per 100 ms step (src/queues/jobs.ts, timerInstant). */
const TIMER_STEP_MS = 100;

function expectedTimers(T) {
  const steps = new Set();
  for (let ms = T; ms < T + 1000; ms++) steps.add(Math.ceil(ms / TIMER_STEP_MS) * TIMER_STEP_MS);
  return steps.size;
}

async function timersPresent(redis, prefix, T) {
  const pipeline = redis.pipeline();
  for (let ms = T; ms <= T + 1000; ms++) pipeline.exists(`${prefix}:reminders:due-${ms}`);
  return (await pipeline.exec()).reduce((n, [, v]) => n + Number(v ?? 0), 0);
}

async function redisMemory(redis, prefix) {
  const info = await redis.info('memory');
  const field = (name) => /^(\S+):(.*)$/m.exec(info.split('\n').find((l) => l.startsWith(`${name}:`)) ?? '')?.[2]?.trim();
  const out = {
    usedMemory: Number(field('used_memory')),
    usedMemoryHuman: field('used_memory_human'),
    usedMemoryRss: Number(field('used_memory_rss')),
    dbsize: await redis.dbsize(),
  };
  if (prefix) {
    const footprint = await prefixFootprint(redis, prefix);
    out.prefix = prefix;
    out.prefixKeys = footprint.keys;
    out.prefixBytes = footprint.bytes;
    out.prefixTop = footprint.top;
    out.delayed = await redis.zcard(`${prefix}:reminders:delayed`);
  }
  return out;
}

// ——— Setup: the workspace, users, webhook and claims through the API ———

/** A workspace with `users` checkers, `claims` claims (each assigned to one of them) and, if `webhook`, one webhook on reminder.due. */
async function setup(opts, { webhook: withWebhook = true } = {}) {
  const base = `http://127.0.0.1:${opts.apiPort}`;
  const started = Date.now();
  const workspace = await api(base, opts.adminToken, 'POST', '/v1/workspaces', {
    name: `Reminders bench ${randomBytes(3).toString('hex')}`,
    adminEmail: 'admin@bench.example',
  });
  const admin = workspace.admin.token;
  const users = [];
  for (let i = 0; i < opts.users; i++)
    users.push(await api(base, admin, 'POST', '/v1/users', { email: `checker${i}@bench.example`, name: `Checker ${i}`, role: 'checker' }));
  const webhook = withWebhook
    ? await api(base, admin, 'POST', '/v1/webhooks', { url: `http://127.0.0.1:${opts.sinkPort}/hook`, events: ['reminder.due'] })
    : null;
  const claims = [];
  for (let i = 0; i < opts.claims; i++) {
    const claim = await api(base, admin, 'POST', '/v1/claims', {
      text: `Bench claim ${i}: the ministry spent ${i + 1} billion on roads last year`,
      kind: 'promise',
      claimant: { name: `Speaker ${i % 7}` },
      assigneeId: users[i % users.length].id,
    });
    claims.push(claim.id);
  }
  log(`setup through the API: a workspace, ${users.length} checkers, ${webhook ? 1 : 0} webhook, ${claims.length} claims (${Date.now() - started} ms)`);
  return { workspaceId: workspace.id, adminToken: admin, webhookId: webhook?.id ?? null, claims, users: users.map((u) => u.id) };
}

// ——— Benchmark 1: the burst ———

async function burst(opts, dist, db, redis, result, ws, wsQuiet, sink) {
  await deletePrefix(redis, opts.prefix);
  let worker = await startWorker(opts, dist, opts.prefix);
  const out = { setup: { users: ws.users.length, claims: ws.claims.length, webhooks: 1 }, runs: [] };
  result.burst = out;
  try {
    // All the bursts are inserted now, due at T1, T1 + spacing, …: the sweep arms each at T - 60 s.
    const flushesAtInsert = await flushCalls(redis);
    const insertAt = Date.now();
    const T1 = Math.ceil((insertAt + opts.lead * 1000) / 1000) * 1000;
    const runs = [];
    if (opts.fireOnly) runs.push({ T: T1, fireOnly: true, ws: wsQuiet });
    for (let i = 0; i < opts.runs; i++) runs.push({ T: T1 + (opts.fireOnly ? opts.fireOnlyGap * 1000 : 0) + i * opts.spacing * 1000, fireOnly: false, ws });
    runs.forEach((run, i) => Object.assign(run, { k: i + 1, overlapped: false }));
    const bursts = runs.length;
    for (const run of runs) run.insertMs = await insertReminders(db, run.ws, run.T, opts.reminders, `bench burst ${run.k}`);
    out.insert = { reminders: opts.reminders * runs.length, ms: runs.map((r) => r.insertMs), leadS: (T1 - insertAt) / 1000 };
    log(
      `inserted ${bursts} × ${opts.reminders} reminders (enqueued_for NULL) in ${runs.map((r) => r.insertMs).join(' + ')} ms; T1 = ${new Date(T1).toISOString()} (in ${Math.round((T1 - Date.now()) / 1000)} s); bursts at T1 + ${runs.map((r) => (r.T - T1) / 1000).join(', ')} s${opts.fireOnly ? ' (the first without webhooks: the fire path alone)' : ''}`,
    );

    // Just before the first burst: every reminder should have its timer, set by the sweep.
    await sleepUntil(T1 - 4000);
    const { rows: armed } = await db.query(
      `SELECT g.k, count(r.id) FILTER (WHERE r.enqueued_for = r.due_at)::int AS armed, count(r.id)::int AS total
         FROM unnest($1::timestamptz[]) WITH ORDINALITY AS g(t, k) LEFT JOIN reminders r ON r.due_at >= g.t AND r.due_at < g.t + interval '1 second'
        GROUP BY g.k ORDER BY g.k`,
      [runs.map((r) => new Date(r.T))],
    );
    out.armedBeforeT1 = armed.map((a) => ({ run: Number(a.k), armed: a.armed, total: a.total }));
    out.redisBeforeT1 = await redisMemory(redis, opts.prefix);
    log(
      `armed before T1: ${armed.map((a) => `${a.armed}/${a.total}`).join(', ')}; Redis: ${out.redisBeforeT1.delayed} timers in ${out.redisBeforeT1.prefix}:reminders:delayed, ${out.redisBeforeT1.prefixKeys} keys, ${(out.redisBeforeT1.prefixBytes / 1024).toFixed(0)} KiB under the prefix`,
    );
    if (opts.quietBusy) out.busyBeforeT1Pct = await machineBusyPct(1500);

    for (const run of runs) {
      if (Date.now() > run.T - 1500) run.overlapped = true;
      await sleepUntil(run.T - 1500);
      const timers = await timersPresent(redis, opts.prefix, run.T);
      if (timers < expectedTimers(run.T))
        log(
          `! burst ${run.k}: only ${timers} of its ${expectedTimers(run.T)} timers are in Redis (${(await flushCalls(redis)) - flushesAtInsert} FLUSHALL/FLUSHDB since the insert): it will fire through the sweep's overdue backstop`,
        );
      await sleepUntil(run.T - 500);
      const pids = { worker: worker.pid, sink: sink.pid };
      await eventLoopLag(opts); // resets the worker's event-loop delay histogram
      const pg0 = await pgCounters(db, dbName(opts));
      const cpu0 = cpuSnapshot(dbName(opts), pids);
      const stopSampler = pgActivitySampler(db, dbName(opts));
      const q = `from=${run.T}&to=${run.T + 1000}`;
      let count = 0;
      while (Date.now() < run.T + opts.runTimeout * 1000) {
        if (run.fireOnly) {
          const { rows } = await db.query(`SELECT count(*)::int AS n FROM reminder_firings WHERE due_at >= $1 AND due_at < $2`, [
            new Date(run.T),
            new Date(run.T + 1000),
          ]);
          count = rows[0].n;
        } else ({ count } = await sinkGet(opts, `/__count?${q}`));
        if (count >= opts.reminders) break;
        if (worker.exited) throw new Error(`the worker exited during burst ${run.k}:\n${tail(worker)}`);
        await sleep(100);
      }
      const cpu1 = cpuSnapshot(dbName(opts), pids);
      const pgActivity = await stopSampler();
      const lag = await eventLoopLag(opts);
      // delivered_at is written just after the sink answered
      const deadline = Date.now() + 10_000;
      while (!run.fireOnly && Date.now() < deadline) {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM deliveries d JOIN reminder_firings f ON f.event_id = d.event_id JOIN reminders r ON r.id = f.reminder_id
            WHERE r.workspace_id = $1 AND f.due_at >= $2 AND f.due_at < $3 AND d.channel = 'webhook' AND d.status = 'delivered'`,
          [ws.workspaceId, new Date(run.T), new Date(run.T + 1000)],
        );
        if (rows[0].n >= count) break;
        await sleep(200);
      }
      const dump = await sinkGet(opts, `/__dump?${q}`);
      const measured = await measureRun(opts, db, run.ws, run, dump);
      measured.cpu = cpuDelta(cpu0, cpu1);
      // Approximate: idle backends may report their statistics up to 10 s late.
      measured.pgCountersApprox = counterDelta(pg0, await pgCounters(db, dbName(opts)));
      measured.workerEventLoopLag = lag;
      measured.pgActivity = pgActivity;
      measured.timedOut = count < opts.reminders;
      measured.timersInRedisAtTMinus1_5s = timers;
      measured.redisFlushesSinceInsert = (await flushCalls(redis)) - flushesAtInsert;
      measured.timersLost = timers < expectedTimers(run.T);
      // Others share the machine: CPU outside the bench's processes during the burst, in cores.
      measured.otherLoadCores = Math.round(((measured.cpu.pgOtherCpuS + measured.cpu.untrackedCpuS) / measured.cpu.wallS) * 100) / 100;
      measured.contaminated = measured.otherLoadCores > 0.2;
      out.runs.push(measured);
      log(
        `burst ${run.k}: PostgreSQL backends on average: ${pgActivity.avgActive} active, ${pgActivity.avgIdleInTransaction} idle in transaction; worker event-loop delay p99 ${lag?.p99Ms} ms, max ${lag?.maxMs} ms`,
      );
      for (const a of pgActivity.top.slice(0, 8)) log(`    ${a.avgBackends.toFixed(2).padStart(5)}  ${a.what}`);
      if (run.fireOnly)
        log(
          `burst ${run.k} (no webhook: the fire path alone): ${measured.counts.firings}/${opts.reminders} fired, the last at T+${measured.lastFiredAfterTMs} ms; lateness p50 ${measured.latenessMs.p50} ms, p99 ${measured.latenessMs.p99} ms, max ${measured.latenessMs.max} ms; CPU s: worker ${measured.cpu.workerCpuS}, pg ${measured.cpu.pgBenchCpuS}`,
        );
      else
        log(
          `burst ${run.k}: ${measured.counts.sinkRequests}/${opts.reminders} webhooks at the sink; all delivered ${measured.allDeliveredAfterTS} s after T; ` +
            `lateness p50 ${measured.latenessMs.p50} ms, p99 ${measured.latenessMs.p99} ms, max ${measured.latenessMs.max} ms; fired by T+${measured.lastFiredAfterTMs} ms; ` +
            `CPU s: worker ${measured.cpu.workerCpuS}, pg ${measured.cpu.pgBenchCpuS}, redis ${measured.cpu.redisCpuS}, other ${measured.cpu.untrackedCpuS} (machine ${measured.cpu.machineBusyPct}% busy)`,
        );
    }
    out.workerWarnings = warnings(worker);
  } finally {
    await stop(worker);
  }

  if (opts.baseline) {
    await waitQuiet(opts);
    out.baseline = await bareBaseline(opts, db, redis, sink, { jobs: opts.reminders });
  }
  await deletePrefix(redis, opts.prefix);
}

// ——— Benchmark 2: a million reminders months ahead ———

const ARM_UPCOMING_SQL = `SELECT id, due_at FROM reminders
            WHERE status = 'scheduled' AND due_at <= $1 AND enqueued_for IS DISTINCT FROM due_at
            ORDER BY due_at LIMIT 1000 FOR UPDATE SKIP LOCKED`; // src/reminders/reminder-timers.ts armUpcoming
const ANY_OVERDUE_SQL = `SELECT 1 FROM reminders WHERE status = 'scheduled' AND due_at <= $1 LIMIT 1`; // src/reminders/firing.service.ts anyOverdue

async function explainSweep(db, repeats) {
  const one = async (sql, param) => {
    const client = await db.connect();
    try {
      const runs = [];
      let plan = [];
      for (let i = 0; i < repeats; i++) {
        await client.query('BEGIN');
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [param()]).finally(() => client.query('ROLLBACK'));
        plan = rows.map((r) => r['QUERY PLAN']);
        const exec = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1]);
        const planning = Number(/Planning Time: ([\d.]+)/.exec(plan.join('\n'))?.[1]);
        const started = nowMs();
        await client.query('BEGIN');
        await client.query(sql, [param()]);
        await client.query('ROLLBACK');
        runs.push({ exec, planning, roundTrip: nowMs() - started });
      }
      const med = (k) => {
        const a = runs.map((r) => r[k]).sort((x, y) => x - y);
        return Math.round(a[Math.floor((a.length - 1) / 2)] * 1000) / 1000;
      };
      return { executionMs: med('exec'), planningMs: med('planning'), clientRoundTripMs: med('roundTrip'), plan };
    } finally {
      client.release();
    }
  };
  return {
    armUpcoming: await one(ARM_UPCOMING_SQL, () => new Date(Date.now() + HORIZON_MS)),
    anyOverdue: await one(ANY_OVERDUE_SQL, () => new Date(Date.now() - 1000)),
  };
}

async function tableSizes(db) {
  const { rows } = await db.query(
    `SELECT pg_total_relation_size('reminders') AS total, pg_relation_size('reminders') AS heap, pg_indexes_size('reminders') AS indexes,
            (SELECT count(*) FROM reminders)::int AS rows, (SELECT count(*) FROM reminders WHERE status = 'scheduled')::int AS scheduled`,
  );
  const { rows: indexes } = await db.query(
    `SELECT indexrelid::regclass::text AS name, pg_relation_size(indexrelid) AS bytes FROM pg_index WHERE indrelid = 'reminders'::regclass ORDER BY 2 DESC`,
  );
  return {
    totalBytes: Number(rows[0].total),
    heapBytes: Number(rows[0].heap),
    indexesBytes: Number(rows[0].indexes),
    rows: rows[0].rows,
    scheduled: rows[0].scheduled,
    indexes: indexes.map((i) => ({ name: i.name, bytes: Number(i.bytes) })),
  };
}

async function memory(opts, dist, db, redis, result, ws) {
  const prefix = `${opts.prefix}-mem`;
  await deletePrefix(redis, prefix);
  const out = { prefix, reminders: opts.memoryReminders };
  result.memory = out;
  // A burst that timed out may leave deliveries to send; the memory worker must not pick them up.
  out.leftoverDeliveriesCancelled = (
    await db.query(
      `UPDATE deliveries SET status = 'dead', last_error = 'cancelled by the bench', next_attempt_at = NULL WHERE status IN ('pending', 'failed') RETURNING id`,
    )
  ).rowCount;
  if (out.leftoverDeliveriesCancelled) log(`memory: cancelled ${out.leftoverDeliveriesCancelled} deliveries left over by the burst`);
  out.redisBeforeWorker = await redisMemory(redis, prefix);
  const worker = await startWorker(opts, dist, prefix);
  try {
    await sleep(3000); // a few sweeps
    out.redisBefore = await redisMemory(redis, prefix);
    out.tableBefore = await tableSizes(db);
    out.sweepBefore = await explainSweep(db, opts.explainRepeats);
    log(
      `memory: before — Redis used_memory ${out.redisBefore.usedMemoryHuman} (${out.redisBefore.usedMemory} B), ${out.redisBefore.prefixKeys} keys under ${prefix}: (${out.redisBefore.prefixBytes} B); reminders table ${(out.tableBefore.totalBytes / 2 ** 20).toFixed(1)} MiB`,
    );

    const started = nowMs();
    const claims = ws.claims.slice(0, 5);
    await db.query(
      `INSERT INTO reminders (workspace_id, claim_id, kind, message, due_at)
       SELECT $1::uuid, ($2::uuid[])[1 + (i % array_length($2::uuid[], 1))], 'manual', 'months ahead #' || i,
              now() + interval '30 days' + random() * interval '150 days'
         FROM generate_series(1, $3) AS i`,
      [ws.workspaceId, claims, opts.memoryReminders],
    );
    out.insertMs = Math.round(nowMs() - started);
    log(
      `memory: inserted ${opts.memoryReminders} reminders due in 30–180 days on ${claims.length} claims in ${(out.insertMs / 1000).toFixed(1)} s; the worker sweeps for ${opts.memoryWorkerSeconds} s`,
    );
    const cpu0 = cpuSnapshot(dbName(opts), { worker: worker.pid });
    await sleep(opts.memoryWorkerSeconds * 1000);
    out.workerCpuWhileSweeping = cpuDelta(cpu0, cpuSnapshot(dbName(opts), { worker: worker.pid }));
    out.redisAfter = await redisMemory(redis, prefix);
    out.deltaUsedMemory = out.redisAfter.usedMemory - out.redisBefore.usedMemory;
    out.deltaPrefixBytes = out.redisAfter.prefixBytes - out.redisBefore.prefixBytes;
    const [armed] = (
      await db.query(
        `SELECT count(*) FILTER (WHERE enqueued_for IS NOT NULL)::int AS armed FROM reminders WHERE status = 'scheduled' AND due_at > now() + interval '29 days'`,
      )
    ).rows;
    out.armedAhead = armed.armed;
    out.tableAfter = await tableSizes(db);
    out.sweepAfter = await explainSweep(db, opts.explainRepeats);
    await db.query('ANALYZE reminders');
    out.sweepAfterAnalyze = await explainSweep(db, opts.explainRepeats);
    // What the sweep costs PostgreSQL every second once the table has statistics (autovacuum's ANALYZE does the same).
    const cpuA = cpuSnapshot(dbName(opts), { worker: worker.pid });
    await sleep(5000);
    out.cpuSweepingAfterAnalyze = cpuDelta(cpuA, cpuSnapshot(dbName(opts), { worker: worker.pid }));
    log(
      `memory: with statistics, the worker's sweeps cost PostgreSQL ${out.cpuSweepingAfterAnalyze.pgBenchCpuS} CPU s over ${out.cpuSweepingAfterAnalyze.wallS} s (before ANALYZE: ${out.workerCpuWhileSweeping.pgBenchCpuS} s over ${out.workerCpuWhileSweeping.wallS} s)`,
    );
    out.workerWarnings = warnings(worker);
    log(
      `memory: after — Redis used_memory ${out.redisAfter.usedMemoryHuman} (Δ ${out.deltaUsedMemory} B), ${out.redisAfter.prefixKeys} keys under ${prefix}: (Δ ${out.deltaPrefixBytes} B), delayed ${out.redisAfter.delayed}; ` +
        `reminders table ${(out.tableAfter.totalBytes / 2 ** 20).toFixed(0)} MiB; sweep SELECT ${out.sweepAfter.armUpcoming.executionMs} ms, overdue check ${out.sweepAfter.anyOverdue.executionMs} ms`,
    );
  } finally {
    await stop(worker);
  }
  await deletePrefix(redis, prefix);
  out.redisAfterCleanup = await redisMemory(redis, prefix);
}

// ——— Output ———

function printSummary(result) {
  const mib = (b) => `${(b / 2 ** 20).toFixed(2)} MiB`;
  if (result.burst?.runs?.length) {
    console.log(`\nBurst: ${result.options.reminders.toLocaleString('en')} reminders due within one second, one webhook each\n`);
    console.log(
      table(
        [
          'run',
          'all delivered after T',
          'last fired after T',
          'lateness p50',
          'p95',
          'p99',
          'max',
          'fire→sink p50/p99',
          'fired/s',
          'delivered/s',
          'firings',
          'webhooks delivered',
          'distinct ids at sink',
          'dup',
          'CPU s worker/pg/redis/sink',
          'other CPU s (pg other dbs/rest)',
        ],
        result.burst.runs
          .filter((r) => r.kind === 'full')
          .map((r) => [
            r.run,
            `${r.allDeliveredAfterTS} s`,
            `${r.lastFiredAfterTMs} ms`,
            `${r.latenessMs.p50} ms`,
            `${r.latenessMs.p95} ms`,
            `${r.latenessMs.p99} ms`,
            `${r.latenessMs.max} ms`,
            `${r.fireToSinkMs.p50}/${r.fireToSinkMs.p99} ms`,
            r.throughput.firedPerS,
            r.throughput.deliveredPerS,
            r.counts.firings,
            r.counts.deliveries['webhook:delivered'] ?? 0,
            r.counts.sinkDistinctWebhookIds,
            r.counts.sinkDuplicates,
            `${r.cpu.workerCpuS}/${r.cpu.pgBenchCpuS}/${r.cpu.redisCpuS}/${r.cpu.sinkCpuS}`,
            `${r.cpu.pgOtherCpuS}/${r.cpu.untrackedCpuS}`,
          ]),
      ),
    );
    for (const r of result.burst.runs)
      console.log(
        `  run ${r.run}${r.kind === 'full' ? '' : ` (${r.kind})`} per second after T — fired: ${r.timeline.fired.join(' ')} | received: ${r.timeline.received.join(' ')}`,
      );
    for (const r of result.burst.runs.filter((x) => x.kind !== 'full'))
      console.log(
        `  run ${r.run}, ${r.kind}: ${r.counts.firings} fired, the last ${r.lastFiredAfterTMs} ms after T; lateness p50 ${r.latenessMs.p50} ms, p95 ${r.latenessMs.p95} ms, p99 ${r.latenessMs.p99} ms, max ${r.latenessMs.max} ms; ${r.throughput.firedPerS} fired/s; CPU s worker ${r.cpu.workerCpuS}, pg ${r.cpu.pgBenchCpuS}`,
      );
    for (const r of result.burst.runs.filter((x) => x.timersLost))
      console.log(
        `  ! run ${r.run}: its timers were gone from Redis before T (${r.redisFlushesSinceInsert} FLUSHALL/FLUSHDB by others since the insert); it fired through the overdue backstop`,
      );
    for (const r of result.burst.runs.filter((x) => x.contaminated))
      console.log(`  ! run ${r.run}: others used ${r.otherLoadCores} cores of the machine during the burst; treat its figures with care`);
    const b = result.burst.baseline;
    if (b)
      console.log(
        `\nBare BullMQ baseline: ${b.completed}/${b.jobs} jobs (INSERT + POST, concurrency ${b.concurrency}) drained ${b.drainMs} ms after their due instant; start lateness p50 ${b.startLatenessMs.p50} ms, p99 ${b.startLatenessMs.p99} ms`,
      );
  }
  printSteady(result.steady);
  const m = result.memory;
  if (m?.redisAfter) {
    console.log(`\nMemory: ${m.reminders.toLocaleString('en')} reminders 30–180 days ahead\n`);
    console.log(
      table(
        ['', 'Redis used_memory', `keys under ${m.prefix}:`, 'their bytes', 'delayed timers', 'reminders table (PG)'],
        [
          [
            'before',
            `${m.redisBefore.usedMemoryHuman} (${m.redisBefore.usedMemory})`,
            m.redisBefore.prefixKeys,
            m.redisBefore.prefixBytes,
            m.redisBefore.delayed,
            mib(m.tableBefore.totalBytes),
          ],
          [
            'after',
            `${m.redisAfter.usedMemoryHuman} (${m.redisAfter.usedMemory})`,
            m.redisAfter.prefixKeys,
            m.redisAfter.prefixBytes,
            m.redisAfter.delayed,
            mib(m.tableAfter.totalBytes),
          ],
          [
            'delta',
            `${m.deltaUsedMemory} B`,
            m.redisAfter.prefixKeys - m.redisBefore.prefixKeys,
            m.deltaPrefixBytes,
            m.redisAfter.delayed - m.redisBefore.delayed,
            mib(m.tableAfter.totalBytes - m.tableBefore.totalBytes),
          ],
        ],
      ),
    );
    console.log(
      `\n  sweep SELECT (armUpcoming): ${m.sweepBefore.armUpcoming.executionMs} ms before, ${m.sweepAfter.armUpcoming.executionMs} ms with ${m.reminders.toLocaleString('en')} more rows, ${m.sweepAfterAnalyze.armUpcoming.executionMs} ms after ANALYZE; ` +
        `overdue check: ${m.sweepBefore.anyOverdue.executionMs} / ${m.sweepAfter.anyOverdue.executionMs} / ${m.sweepAfterAnalyze.anyOverdue.executionMs} ms (median execution time)`,
    );
  }
}

/** The commit, and the files of src/ and migrations/ that differ from it (others edit them as we run). */
function gitState() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      dirty: git('status', '--porcelain', '--', 'src', 'migrations')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(3)),
    };
  } catch {
    return { commit: null, dirty: [] };
  }
}

async function main() {
  const opts = parseRunOptions(process.argv.slice(2));
  opts.adminToken = `bench_${randomBytes(16).toString('hex')}`;
  opts.secretsKey = randomBytes(32).toString('base64');
  const name = dbName(opts);
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const maintenanceUrl = Object.assign(new URL(opts.dbUrl), { pathname: '/postgres' }).toString();
  const result = {
    bench: 'reminders',
    startedAt: new Date(t0).toISOString(),
    options: { ...opts, adminToken: undefined, secretsKey: undefined },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadavgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
  };
  let dist = null;
  let redisServer = null;
  if (opts.privateRedis) {
    opts.redisUrl = `redis://127.0.0.1:${opts.privateRedisPort}`;
    const server = (redisServer = startProcess('redis-server', 'redis-server', [
      '--port',
      String(opts.privateRedisPort),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]));
    const probe = new Redis(opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    for (let i = 0; ; i++) {
      if (server.exited) throw new Error(`redis-server exited: ${tail(server)}`);
      try {
        await probe.connect();
        await probe.ping();
        break;
      } catch {
        if (i > 50) throw new Error(`redis-server did not start: ${tail(server)}`);
        await sleep(100);
      }
    }
    probe.disconnect();
    result.options.redisUrl = opts.redisUrl;
  }
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3 });
  redis.on('error', (error) => log(`redis: ${error.message}`));
  const admin = new pg.Client({ connectionString: maintenanceUrl });
  let db = null;
  try {
    dist = await snapshotDist();
    result.build = { distBuiltAt: dist.builtAt, ...gitState() };
    if (result.build.dirty.length) log(`note: dist/ was built from a working tree with uncommitted changes in ${result.build.dirty.join(', ')}`);
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    result.machine.postgres = (await admin.query('SHOW server_version')).rows[0].server_version;
    for (const s of ['shared_buffers', 'synchronous_commit', 'max_connections']) result.machine[`pg_${s}`] = (await admin.query(`SHOW ${s}`)).rows[0][s];
    result.machine.redis = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
    result.machine.busyAtStartPct = await machineBusyPct(1500);
    log(
      `reminders bench (${opts.mode}); dist built ${dist.builtAt}; machine ${result.machine.busyAtStartPct}% busy, load ${result.machine.loadavgAtStart.join(' ')}`,
    );
    await waitQuiet(opts);

    // The API process creates and migrates the database at start, then serves the setup; it is
    // stopped before anything is measured (the worker runs alone).
    const sink = startNode('sink', [join(HERE, 'sink.mjs')], { SINK_PORT: String(opts.sinkPort) });
    await waitHealthy(sink, `http://127.0.0.1:${opts.sinkPort}/__health`, 10_000);
    const apiProcess = startNode('api', [dist.entry], serviceEnv(opts, { APP_ROLE: 'api', PORT: String(opts.apiPort), QUEUE_PREFIX: opts.prefix }), {
      cwd: dist.dir,
    });
    await waitHealthy(apiProcess, `http://127.0.0.1:${opts.apiPort}/health`);
    const ws = await setup(opts);
    const wsQuiet = opts.fireOnly && ['all', 'burst'].includes(opts.mode) ? await setup(opts, { webhook: false }) : null;
    await stop(apiProcess);
    db = new pg.Pool({ connectionString: opts.dbUrl, max: 3 });
    db.on('error', (error) => log(`bench pool: ${error.message}`));
    db.on('connect', (client) => client.on('error', (error) => log(`bench connection: ${error.message}`)));

    if (['all', 'burst'].includes(opts.mode)) await burst(opts, dist, db, redis, result, ws, wsQuiet, sink);
    if (['all', 'steady'].includes(opts.mode)) {
      await waitQuiet(opts);
      await steady(opts, dist, db, redis, result, ws, sink);
    }
    await stop(sink);
    if (['all', 'memory'].includes(opts.mode)) await memory(opts, dist, db, redis, result, ws);
    result.machine.loadavgAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
    result.durationS = Math.round((Date.now() - t0) / 1000);
  } catch (error) {
    result.error = String(error?.stack ?? error);
    process.exitCode = 1;
    console.error(result.error);
  } finally {
    await stopAll({ except: [redisServer] });
    for (const prefix of [opts.prefix, `${opts.prefix}-mem`, `${opts.prefix}-bare`]) await deletePrefix(redis, prefix).catch(() => undefined);
    redis.disconnect();
    await stopAll();
    await db?.end().catch(() => undefined);
    if (!opts.keep) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
    await admin.end().catch(() => undefined);
    if (dist) rmSync(dist.dir, { recursive: true, force: true });
  }
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `reminders-${new Date(t0).toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  printSummary(result);
  console.log(`\n${relative(ROOT, file)} (${Math.round((Date.now() - t0) / 1000)} s)${opts.keep ? `; database ${name} kept` : ''}`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAllSync();
    process.exit(130);
  });
}
process.once('exit', killAllSync);
process.on('uncaughtException', (error) => console.error(`uncaught: ${error?.stack ?? error}`));

main();
