// What the reminders bench's measurements share (run.mjs: the burst and the million; steady.mjs:
// a steady stream): timing, percentiles, the sink, the bench's Redis keys, the worker process,
// and what PostgreSQL and the worker's event loop are doing meanwhile.
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startNode, tail, waitHealthy } from '../lib/processes.mjs';
import { cpuDelta, cpuSnapshot, machineBusyPct } from './system.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

export const t0 = Date.now();
export const log = (...args) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s]`, ...args);
export const nowMs = () => performance.timeOrigin + performance.now();
export const r1 = (x) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10) / 10);

export function stats(values) {
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

export async function sleepUntil(ms) {
  const wait = ms - Date.now();
  if (wait > 0) await sleep(wait);
}

export async function sinkGet(opts, path) {
  const res = await fetch(`http://127.0.0.1:${opts.sinkPort}${path}`);
  return res.json();
}

export async function deletePrefix(redis, prefix) {
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
export async function flushCalls(redis) {
  const stats = await redis.info('commandstats');
  let calls = 0;
  for (const m of stats.matchAll(/^cmdstat_(?:flushall|flushdb):calls=(\d+)/gm)) calls += Number(m[1]);
  return calls;
}

export function serviceEnv(opts, extra) {
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

export async function startWorker(opts, dist, prefix) {
  const worker = startNode('worker', [dist.entry], serviceEnv(opts, { APP_ROLE: 'worker', QUEUE_PREFIX: prefix, METRICS_PORT: String(opts.metricsPort) }), {
    cwd: dist.dir,
  });
  await waitHealthy(worker, `http://127.0.0.1:${opts.metricsPort}/health`);
  return worker;
}

export function warnings(child) {
  return child.output.filter((l) => /"level":(40|50|60)|error|warn/i.test(l)).slice(-20);
}

export async function waitQuiet(opts) {
  if (!opts.quietBusy) return null;
  const deadline = Date.now() + opts.quietWait * 1000;
  let busy;
  while ((busy = await machineBusyPct(2000)) > opts.quietBusy && Date.now() < deadline)
    log(`machine ${busy}% busy (others at work?); waiting for < ${opts.quietBusy}%`);
  return busy;
}

/** Transactions and rows of the bench database, and WAL of the whole cluster (others write some of it). */
export async function pgCounters(db, name) {
  const [d] = (await db.query(`SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = $1`, [name]))
    .rows;
  const [w] = (await db.query(`SELECT wal_records, wal_bytes, wal_write, wal_sync FROM pg_stat_wal`)).rows;
  return Object.fromEntries(Object.entries({ ...d, ...w }).map(([k, v]) => [k, Number(v)]));
}
export const counterDelta = (a, b) => Object.fromEntries(Object.keys(b).map((k) => [k, b[k] - a[k]]));

/** The worker's event-loop delay since the previous scrape (prom-client resets it on every scrape). */
export async function eventLoopLag(opts) {
  try {
    const text = await (await fetch(`http://127.0.0.1:${opts.metricsPort}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const get = (name) => r1(Number(new RegExp(`^claimtrack_nodejs_eventloop_lag_${name}_seconds(?:\\{[^}]*\\})?\\s+(\\S+)`, 'm').exec(text)?.[1]) * 1000);
    return { meanMs: get('mean'), p50Ms: get('p50'), p99Ms: get('p99'), maxMs: get('max') };
  } catch {
    return null;
  }
}

export const STATEMENTS = [
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
export const classify = (query) => STATEMENTS.find(([re]) => re.test(query))?.[1] ?? query.replace(/\s+/g, ' ').trim().slice(0, 50);

/**
 * Samples pg_stat_activity of the bench database every 50 ms: on average, how many backends
 * run which statement (active), or hold a transaction open while the worker does something
 * else (idle in transaction, labelled with the statement they last ran).
 */
export function pgActivitySampler(db, name) {
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

export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i] ?? '—').length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c ?? '—').padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const dbName = (opts) => decodeURIComponent(new URL(opts.dbUrl).pathname.slice(1));

/**
 * Inserts `n` reminders due evenly over [T, T + spanMs) (a burst: one second), spread over the
 * workspace's claims, with no timer yet (`enqueued_for` NULL): the sweep arms them.
 */
export async function insertReminders(db, ws, T, n, tag, spanMs = 1000) {
  const started = nowMs();
  await db.query(
    `INSERT INTO reminders (workspace_id, claim_id, kind, message, due_at)
     SELECT $1::uuid, ($2::uuid[])[1 + (i % array_length($2::uuid[], 1))], 'manual', $5 || i, $3::timestamptz + (i::bigint * $6 / $4) * interval '1 millisecond'
       FROM generate_series(0, $4 - 1) AS i`,
    [ws.workspaceId, ws.claims, new Date(T), n, `${tag} #`, spanMs],
  );
  return Math.round(nowMs() - started);
}

/**
 * What happened to the reminders of `run` (due in [run.T, run.T + run.spanMs), one second by
 * default): firings and their lateness from the database, webhooks from the sink's dump, every
 * count that shows a loss or a double; with a longer span, the same per second of due time.
 */
export async function measureRun(opts, db, ws, run, sinkDump) {
  const spanMs = run.spanMs ?? 1000;
  const from = new Date(run.T);
  const to = new Date(run.T + spanMs);
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
    ...(spanMs > 1000 ? { perDueSecond: perDueSecond(T, spanMs, firings, sinkDump) } : {}),
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

/** A longer span, second by second of due time: how many fired, how late, how long to the sink. */
function perDueSecond(T, spanMs, firings, sinkDump) {
  const seconds = Math.ceil(spanMs / 1000);
  const lateness = Array.from({ length: seconds }, () => []);
  const dueToSink = Array.from({ length: seconds }, () => []);
  for (const f of firings) lateness[Math.floor((Number(f.due) - T) / 1000)]?.push(Number(f.fired) - Number(f.due));
  sinkDump.recv.forEach((recv, i) => dueToSink[Math.floor((sinkDump.due[i] - T) / 1000)]?.push(recv - sinkDump.due[i]));
  return lateness.map((late, second) => {
    const l = stats(late);
    const s = stats(dueToSink[second]);
    return { second, fired: l.n, latenessMs: { p50: l.p50, p95: l.p95, p99: l.p99, max: l.max }, dueToSinkMs: { p50: s.p50, p99: s.p99, max: s.max } };
  });
}

/**
 * The bare BullMQ baseline (bare-bullmq.mjs, in a process of its own): `jobs` delayed jobs due
 * at one instant, or evenly over `spreadMs`, each one INSERT and one POST to the sink.
 */
export async function bareBaseline(opts, db, redis, sink, { jobs, spreadMs = 0, leadMs = 4000 }) {
  await db.query(
    `CREATE TABLE IF NOT EXISTS bench_bare_hits (job_id text PRIMARY KEY, due_at timestamptz NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  );
  await db.query('TRUNCATE bench_bare_hits'); // job ids restart at bare-0 in every run
  await deletePrefix(redis, `${opts.prefix}-bare`);
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
      JOBS: String(jobs),
      SPREAD_MS: String(spreadMs),
      LEAD_MS: String(leadMs),
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
  const dump = await sinkGet(opts, `/__dump?from=${res.dueAt}&to=${res.dueAt + Math.max(1000, spreadMs)}`);
  const recvLast = Math.max(...dump.recv);
  const [hits] = (await db.query(`SELECT count(*)::int AS n FROM bench_bare_hits`)).rows;
  const rounded = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, r1(v)]));
  const baseline = {
    ...res,
    drainMs: Math.round(res.drainMs),
    startLatenessMs: rounded(res.startLatenessMs),
    endLatenessMs: rounded(res.endLatenessMs),
    sinkRequests: dump.ids.length,
    sinkDistinctIds: new Set(dump.ids).size,
    lastSinkReceiveAfterDueMs: Math.round(recvLast - res.dueAt - Math.floor(((jobs - 1) * spreadMs) / jobs)),
    insertedRows: hits.n,
    endToEndMs: stats(dump.recv.map((r, i) => r - dump.due[i])),
    cpu: cpuDelta(cpu0, cpu1), // wall includes the child's start-up and adding the jobs
  };
  await deletePrefix(redis, `${opts.prefix}-bare`);
  log(
    `bare BullMQ baseline: ${res.completed}/${res.jobs} jobs${spreadMs ? ` due over ${spreadMs / 1000} s` : ''} drained ${baseline.drainMs} ms after the last due time (last at the sink ${baseline.lastSinkReceiveAfterDueMs} ms); start lateness p50 ${baseline.startLatenessMs.p50} ms, p99 ${baseline.startLatenessMs.p99} ms, max ${baseline.startLatenessMs.max} ms`,
  );
  return baseline;
}
