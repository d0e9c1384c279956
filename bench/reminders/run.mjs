// Reminders bench: a burst of 10,000 reminders due in the same second (time until every webhook
// is delivered, lateness of the firings, a bare BullMQ baseline), and the Redis memory with
// 1,000,000 reminders scheduled months ahead. Not part of `npm test`.
//
//   npx nest build && node bench/reminders/run.mjs [all|burst|memory] [--runs=2] [--keep] …
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
  baseline: true, // the bare BullMQ drain, after the bursts
  // Memory
  memoryReminders: 1_000_000,
  memoryWorkerSeconds: 15,
  explainRepeats: 5,
  // Wait (up to quietWait s) for the machine to be less than quietBusy % busy before measuring; 0: don't wait
  quietBusy: 35,
  quietWait: 60,
};

function parseRunOptions(argv) {
  const opts = parseOptions(argv, DEFAULTS, ['all', 'burst', 'memory']);
  if (opts.lead * 1000 <= HORIZON_MS + 5000) throw new Error('--lead must be more than 65 s: the reminders must be armed by the sweep, not at insertion');
  if (((opts.fireOnly ? opts.fireOnlyGap : 0) + (opts.runs - 1) * opts.spacing) * 1000 > HORIZON_MS - 8000)
    throw new Error('--fire-only-gap + (--runs - 1) × --spacing must be at most 52 s, so that every burst is armed by the sweep before the first one starts');
  return opts;
}

const t0 = Date.now();
const log = (...args) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s]`, ...args);
const nowMs = () => performance.timeOrigin + performance.now();
const r1 = (x) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10) / 10);

function stats(values) {
  const a = Float64Array.from(values).sort();
  const pct = (p) => (a.length ? a[Math.min(a.length - 1, Math.max(0, Math.ceil((p / 100) * a.length) - 1))] : null);
  return {
    n: a.length,
    min: r1(a[0]),
    p50: r1(pct(50)),
    p95: r1(pct(95)),
    p99: r1(pct(99)),
    max: r1(a[a.length - 1]),
    mean: r1(a.reduce((s, x) => s + x, 0) / (a.length || 1)),
  };
}

async function sleepUntil(ms) {
  const wait = ms - Date.now();
  if (wait > 0) await sleep(wait);
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

async function sinkGet(opts, path) {
  const res = await fetch(`http://127.0.0.1:${opts.sinkPort}${path}`);
  return res.json();
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

async function deletePrefix(redis, prefix) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (batch.length) deleted += await redis.del(...batch);
  } while (cursor !== '0');
  return deleted;
}

/** FLUSHALL / FLUSHDB calls so far (others' fault tests flush the shared Redis; our timers go with it). */
async function flushCalls(redis) {
  const stats = await redis.info('commandstats');
  let calls = 0;
  for (const m of stats.matchAll(/^cmdstat_(?:flushall|flushdb):calls=(\d+)/gm)) calls += Number(m[1]);
  return calls;
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

function serviceEnv(opts, extra) {
  return {
    DATABASE_URL: opts.dbUrl,
    REDIS_URL: opts.redisUrl,
    ADMIN_TOKEN: opts.adminToken,
    SECRETS_KEY: opts.secretsKey,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    DELIVERY_RETRY_BASE_MS: '200',
    ...extra,
  };
}

async function startWorker(opts, dist, prefix) {
  const worker = startNode('worker', [dist.entry], serviceEnv(opts, { APP_ROLE: 'worker', QUEUE_PREFIX: prefix, METRICS_PORT: String(opts.metricsPort) }), {
    cwd: dist.dir,
  });
  await waitHealthy(worker, `http://127.0.0.1:${opts.metricsPort}/health`);
  return worker;
}

function warnings(child) {
  return child.output.filter((l) => /"level":(40|50|60)|error|warn/i.test(l)).slice(-20);
}

async function waitQuiet(opts) {
  if (!opts.quietBusy) return null;
  const deadline = Date.now() + opts.quietWait * 1000;
  let busy;
  while ((busy = await machineBusyPct(2000)) > opts.quietBusy && Date.now() < deadline)
    log(`machine ${busy}% busy (others at work?); waiting for < ${opts.quietBusy}%`);
  return busy;
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

/** Transactions and rows of the bench database, and WAL of the whole cluster (others write some of it). */
async function pgCounters(db, name) {
  const [d] = (await db.query(`SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = $1`, [name]))
    .rows;
  const [w] = (await db.query(`SELECT wal_records, wal_bytes, wal_write, wal_sync FROM pg_stat_wal`)).rows;
  return Object.fromEntries(Object.entries({ ...d, ...w }).map(([k, v]) => [k, Number(v)]));
}
const counterDelta = (a, b) => Object.fromEntries(Object.keys(b).map((k) => [k, b[k] - a[k]]));

/** The worker's event-loop delay since the previous scrape (prom-client resets it on every scrape). */
async function eventLoopLag(opts) {
  try {
    const text = await (await fetch(`http://127.0.0.1:${opts.metricsPort}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const get = (name) => r1(Number(new RegExp(`^claimtrack_nodejs_eventloop_lag_${name}_seconds(?:\\{[^}]*\\})?\\s+(\\S+)`, 'm').exec(text)?.[1]) * 1000);
    return { meanMs: get('mean'), p50Ms: get('p50'), p99Ms: get('p99'), maxMs: get('max') };
  } catch {
    return null;
  }
}

const STATEMENTS = [
  [/FROM reminders r JOIN claims c/, 'fire: SELECT due … FOR UPDATE SKIP LOCKED'],
  [/INSERT INTO reminder_firings/, 'fire: INSERT reminder_firings'],
  [/FROM users/, 'fire: SELECT recipients'],
  [/INSERT INTO outbox_events/, 'fire: INSERT outbox_events'],
  [/INSERT INTO inbox_notifications/, 'fire: INSERT inbox_notifications'],
  [/FROM webhooks WHERE workspace_id/, 'fire: SELECT subscribed webhooks'],
  [/INSERT INTO deliveries/, 'fire: INSERT deliveries'],
  [/UPDATE reminders r SET fired_count/, 'fire: UPDATE reminders'],
  [/INSERT INTO claim_events/, 'fire: INSERT claim_events'],
  [/UPDATE reminders SET enqueued_for/, 'arm: UPDATE enqueued_for'],
  [/WITH claimed AS/, 'send: lease (UPDATE … RETURNING + JOIN outbox)'],
  [/SELECT url, secret_sealed/, 'send: SELECT webhook'],
  [/UPDATE deliveries SET status = 'delivered'/, 'send: record delivered'],
  [/UPDATE deliveries SET status/, 'send: record other outcome'],
  [/SELECT 1 FROM reminders/, 'sweep: overdue check'],
  [/SELECT id, due_at FROM reminders/, 'sweep: arm SELECT'],
  [/dispatched_at IS NULL/, 'deliveries sweep: dispatch'],
  [/FROM deliveries\s+WHERE status IN/, 'deliveries sweep: rescue'],
  [/^\s*COMMIT/i, 'COMMIT'],
  [/^\s*(BEGIN|START TRANSACTION)/i, 'BEGIN'],
  [/^\s*ROLLBACK/i, 'ROLLBACK'],
];
const classify = (query) => STATEMENTS.find(([re]) => re.test(query))?.[1] ?? query.replace(/\s+/g, ' ').trim().slice(0, 50);

/**
 * Samples pg_stat_activity of the bench database every 50 ms: on average, how many backends
 * run which statement (active), or hold a transaction open while the worker does something
 * else (idle in transaction, labelled with the statement they last ran).
 */
function pgActivitySampler(db, name) {
  let stopped = false;
  let samples = 0;
  const counts = new Map();
  const done = (async () => {
    const client = await db.connect();
    try {
      while (!stopped) {
        const { rows } = await client.query(
          `SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'`,
          [name],
        );
        samples++;
        for (const r of rows) {
          const wait = r.wait_event && r.state === 'active' ? ` [${r.wait_event_type}:${r.wait_event}]` : '';
          const label = `${r.state === 'active' ? 'active' : r.state}: ${classify(r.query)}${wait}`;
          counts.set(label, (counts.get(label) ?? 0) + 1);
        }
        await sleep(50);
      }
    } finally {
      client.release();
    }
  })();
  return async () => {
    stopped = true;
    await done;
    const avg = [...counts].map(([what, n]) => ({ what, avgBackends: Math.round((n / samples) * 100) / 100 })).sort((a, b) => b.avgBackends - a.avgBackends);
    const sum = (prefix) => Math.round(avg.filter((a) => a.what.startsWith(prefix)).reduce((s, a) => s + a.avgBackends, 0) * 100) / 100;
    return { samples, avgActive: sum('active'), avgIdleInTransaction: sum('idle in transaction'), top: avg.slice(0, 25) };
  };
}

async function insertBurst(db, ws, T, n, tag) {
  const started = nowMs();
  await db.query(
    `INSERT INTO reminders (workspace_id, claim_id, kind, message, due_at)
     SELECT $1::uuid, ($2::uuid[])[1 + (i % array_length($2::uuid[], 1))], 'manual', $5 || i, $3::timestamptz + (i * 1000 / $4) * interval '1 millisecond'
       FROM generate_series(0, $4 - 1) AS i`,
    [ws.workspaceId, ws.claims, new Date(T), n, `${tag} #`],
  );
  return Math.round(nowMs() - started);
}

async function measureRun(opts, db, ws, run, sinkDump) {
  const from = new Date(run.T);
  const to = new Date(run.T + 1000);
  const args = [ws.workspaceId, from, to];
  const { rows: firings } = await db.query(
    `SELECT f.reminder_id, f.event_id, extract(epoch FROM f.due_at) * 1000 AS due, extract(epoch FROM f.fired_at) * 1000 AS fired
       FROM reminder_firings f JOIN reminders r ON r.id = f.reminder_id
      WHERE r.workspace_id = $1 AND f.due_at >= $2 AND f.due_at < $3`,
    args,
  );
  const { rows: deliveries } = await db.query(
    `SELECT d.id, d.channel, d.status, d.attempts, extract(epoch FROM d.delivered_at) * 1000 AS delivered, extract(epoch FROM f.fired_at) * 1000 AS fired
       FROM deliveries d JOIN reminder_firings f ON f.event_id = d.event_id JOIN reminders r ON r.id = f.reminder_id
      WHERE r.workspace_id = $1 AND f.due_at >= $2 AND f.due_at < $3`,
    args,
  );
  const [inbox] = (
    await db.query(
      `SELECT count(*)::int AS entries, count(DISTINCT (i.event_id, i.user_id))::int AS distinct_event_user, count(DISTINCT i.refs->>'reminderId')::int AS distinct_reminders
         FROM inbox_notifications i JOIN reminder_firings f ON f.event_id = i.event_id JOIN reminders r ON r.id = f.reminder_id
        WHERE r.workspace_id = $1 AND f.due_at >= $2 AND f.due_at < $3`,
      args,
    )
  ).rows;
  const [reminders] = (
    await db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE fired_count <> 1)::int AS fired_count_not_1
         FROM reminders WHERE workspace_id = $1 AND due_at >= $2 AND due_at < $3`,
      args,
    )
  ).rows;
  const [history] = (
    await db.query(
      `SELECT count(*)::int AS n FROM claim_events WHERE workspace_id = $1 AND type = 'reminder.fired' AND (data->>'dueAt')::timestamptz >= $2 AND (data->>'dueAt')::timestamptz < $3`,
      args,
    )
  ).rows;

  const T = run.T;
  const lateness = firings.map((f) => Number(f.fired) - Number(f.due));
  const firedTimes = firings.map((f) => Number(f.fired));
  const passes = new Map();
  for (const t of firedTimes) passes.set(t, (passes.get(t) ?? 0) + 1);
  const passSizes = [...passes.values()];
  const webhooks = deliveries.filter((d) => d.channel === 'webhook');
  const byChannel = {};
  for (const d of deliveries) byChannel[`${d.channel}:${d.status}`] = (byChannel[`${d.channel}:${d.status}`] ?? 0) + 1;
  const deliveredTimes = webhooks.filter((d) => d.delivered !== null).map((d) => Number(d.delivered));

  // The sink: receive times, webhook-ids, and each delivery's fire → receive lag.
  const firedOf = new Map(webhooks.map((d) => [d.id, Number(d.fired)]));
  const ids = new Set(sinkDump.ids);
  const recvLast = sinkDump.recv.length ? Math.max(...sinkDump.recv) : null;
  const recvFirst = sinkDump.recv.length ? Math.min(...sinkDump.recv) : null;
  const fireToRecv = sinkDump.ids.map((id, i) => sinkDump.recv[i] - (firedOf.get(id) ?? NaN)).filter(Number.isFinite);
  const endToEnd = sinkDump.recv.map((r, i) => r - sinkDump.due[i]);

  // Per second after T: reminders fired, webhooks received.
  const seconds = Math.max(1, Math.ceil((Math.max(recvLast ?? T, ...firedTimes) - T) / 1000));
  const timeline = { fired: Array(seconds).fill(0), received: Array(seconds).fill(0) };
  for (const t of firedTimes) timeline.fired[Math.min(seconds - 1, Math.max(0, Math.floor((t - T) / 1000)))]++;
  for (const t of sinkDump.recv) timeline.received[Math.min(seconds - 1, Math.max(0, Math.floor((t - T) / 1000)))]++;

  const lastDelivered = deliveredTimes.length ? Math.max(...deliveredTimes) : null;
  const allDeliveredS = recvLast === null ? null : (Math.max(recvLast, lastDelivered ?? 0) - T) / 1000;
  return {
    run: run.k,
    kind: run.fireOnly ? 'fire path alone (no webhook)' : 'full',
    T: new Date(T).toISOString(),
    overlappedPrevious: run.overlapped,
    counts: {
      reminders: reminders.total,
      remindersDone: reminders.done,
      firedCountNot1: reminders.fired_count_not_1,
      firings: firings.length,
      historyEntries: history.n,
      inboxEntries: inbox.entries,
      inboxDistinctEventUser: inbox.distinct_event_user,
      inboxDistinctReminders: inbox.distinct_reminders,
      deliveries: byChannel,
      webhookAttemptsOver1: webhooks.filter((d) => d.attempts > 1).length,
      sinkRequests: sinkDump.ids.length,
      sinkDistinctWebhookIds: ids.size,
      sinkDuplicates: sinkDump.ids.length - ids.size,
    },
    allDeliveredAfterTS: allDeliveredS === null ? null : Math.round(allDeliveredS * 100) / 100,
    lastSinkReceiveAfterTMs: recvLast === null ? null : Math.round(recvLast - T),
    firstSinkReceiveAfterTMs: recvFirst === null ? null : Math.round(recvFirst - T),
    lastDeliveredAtAfterTMs: lastDelivered === null ? null : Math.round(lastDelivered - T),
    firstFiredAfterTMs: firedTimes.length ? Math.round(Math.min(...firedTimes) - T) : null,
    lastFiredAfterTMs: firedTimes.length ? Math.round(Math.max(...firedTimes) - T) : null,
    firePasses: { count: passSizes.length, sizes: stats(passSizes) },
    latenessMs: stats(lateness),
    fireToSinkMs: stats(fireToRecv),
    endToEndMs: stats(endToEnd),
    throughput: {
      firedPerS: firedTimes.length > 1 ? Math.round(firedTimes.length / ((Math.max(...firedTimes) - T) / 1000)) : null,
      deliveredPerS: recvLast ? Math.round(sinkDump.recv.length / ((recvLast - T) / 1000)) : null,
    },
    timeline,
  };
}

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
    for (const run of runs) run.insertMs = await insertBurst(db, run.ws, run.T, opts.reminders, `bench burst ${run.k}`);
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
    await db.query(
      `CREATE TABLE IF NOT EXISTS bench_bare_hits (job_id text PRIMARY KEY, due_at timestamptz NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    await deletePrefix(redis, `${opts.prefix}-bare`);
    await waitQuiet(opts);
    let line = null;
    let cpu1 = null;
    const bare = startNode(
      'bare-bullmq',
      [join(HERE, 'bare-bullmq.mjs')],
      {
        DATABASE_URL: opts.dbUrl,
        REDIS_URL: opts.redisUrl,
        PREFIX: `${opts.prefix}-bare`,
        SINK_URL: `http://127.0.0.1:${opts.sinkPort}/bare`,
        JOBS: String(opts.reminders),
        CONCURRENCY: '50',
      },
      {
        onLine: (l) => {
          if (l.startsWith('RESULT ')) {
            line = l.slice(7);
            cpu1 = cpuSnapshot(dbName(opts), { bare: bare.pid, sink: sink.pid });
          }
        },
      },
    );
    const cpu0 = cpuSnapshot(dbName(opts), { bare: bare.pid, sink: sink.pid });
    const exited = await bare.done;
    if (!line) throw new Error(`the bare baseline failed (${JSON.stringify(exited)}):\n${tail(bare)}`);
    const res = JSON.parse(line);
    const dump = await sinkGet(opts, `/__dump?from=${res.dueAt}&to=${res.dueAt + 1000}`);
    const recvLast = Math.max(...dump.recv);
    const [hits] = (await db.query(`SELECT count(*)::int AS n, extract(epoch FROM max(at) - min(due_at)) * 1000 AS last_insert_ms FROM bench_bare_hits`)).rows;
    out.baseline = {
      ...res,
      drainMs: Math.round(res.drainMs),
      sinkRequests: dump.ids.length,
      sinkDistinctIds: new Set(dump.ids).size,
      lastSinkReceiveAfterDueMs: Math.round(recvLast - res.dueAt),
      insertedRows: hits.n,
      endToEndMs: stats(dump.recv.map((r, i) => r - dump.due[i])),
      cpu: cpuDelta(cpu0, cpu1), // wall includes the child's start-up and adding the jobs
    };
    out.baseline.startLatenessMs = Object.fromEntries(Object.entries(res.startLatenessMs).map(([k, v]) => [k, r1(v)]));
    await deletePrefix(redis, `${opts.prefix}-bare`);
    log(
      `bare BullMQ baseline: ${res.completed}/${res.jobs} jobs drained ${Math.round(res.drainMs)} ms after their due instant (last at the sink ${out.baseline.lastSinkReceiveAfterDueMs} ms); start lateness p50 ${r1(res.startLatenessMs.p50)} ms, p99 ${r1(res.startLatenessMs.p99)} ms`,
    );
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

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i] ?? '—').length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c ?? '—').padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

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

const dbName = (opts) => decodeURIComponent(new URL(opts.dbUrl).pathname.slice(1));

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
    const wsQuiet = opts.fireOnly && opts.mode !== 'memory' ? await setup(opts, { webhook: false }) : null;
    await stop(apiProcess);
    db = new pg.Pool({ connectionString: opts.dbUrl, max: 3 });
    db.on('error', (error) => log(`bench pool: ${error.message}`));
    db.on('connect', (client) => client.on('error', (error) => log(`bench connection: ${error.message}`)));

    if (opts.mode !== 'memory') await burst(opts, dist, db, redis, result, ws, wsQuiet, sink);
    await stop(sink);
    if (opts.mode !== 'burst') await memory(opts, dist, db, redis, result, ws);
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
