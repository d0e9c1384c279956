// The bare baseline of the reminders bench: raw BullMQ, no claimtrack code. JOBS delayed jobs
// all due at the same instant D (a burst), or due evenly over SPREAD_MS from D (a steady
// stream); one worker at CONCURRENCY; each job does one INSERT and one HTTP POST to the sink.
// Lateness is each job's start minus its own due time. Prints one line `RESULT {json}` and exits.
//
//   DATABASE_URL=… REDIS_URL=… PREFIX=benchrem-bare SINK_URL=http://127.0.0.1:3823/bare node bench/reminders/bare-bullmq.mjs
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import pg from 'pg';

const env = process.env;
const JOBS = Number(env.JOBS ?? 10_000);
const CONCURRENCY = Number(env.CONCURRENCY ?? 50);
const LEAD_MS = Number(env.LEAD_MS ?? 4000);
const SPREAD_MS = Number(env.SPREAD_MS ?? 0);
const redisUrl = new URL(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const connection = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379), maxRetriesPerRequest: null };
const prefix = env.PREFIX ?? 'benchrem-bare';
const sink = new URL(env.SINK_URL ?? 'http://127.0.0.1:3823/bare');
const now = () => performance.timeOrigin + performance.now();

// Same pool size and agent settings as the service (pool 20; keep-alive, 64 sockets).
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 20 });
pool.on('error', (error) => console.error(`pool: ${error.message}`));
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(body, id) {
  return new Promise((resolve, reject) => {
    const req = request(
      sink,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'webhook-id': id } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Per job: start and end minus its own due time. */
const starts = [];
const ends = [];
let lastEnd = 0;
let done = 0;
let failed = 0;
let dueAt = 0;

const queue = new Queue('bare', { connection, prefix });
const worker = new Worker(
  'bare',
  async (job) => {
    const due = new Date(job.data.dueAt);
    starts.push(now() - due.getTime());
    const id = `bare-${job.data.i}`;
    await pool.query('INSERT INTO bench_bare_hits (job_id, due_at) VALUES ($1, $2)', [id, due]);
    await post(
      JSON.stringify({
        type: 'bench.bare',
        timestamp: new Date().toISOString(),
        data: { i: job.data.i, dueAt: due.toISOString(), message: 'bare baseline job' },
      }),
      id,
    );
    lastEnd = now();
    ends.push(lastEnd - due.getTime());
  },
  { connection, prefix, concurrency: CONCURRENCY },
);
worker.on('completed', () => done++);
worker.on('failed', () => failed++);

async function main() {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await worker.waitUntilReady();
  await pool.query('SELECT 1');
  const addStart = now();
  dueAt = Math.ceil((addStart + LEAD_MS) / 1000) * 1000; // a whole second, LEAD_MS+ ahead
  const dueOf = (i) => dueAt + Math.floor((i * SPREAD_MS) / JOBS);
  for (let from = 0; from < JOBS; from += 1000) {
    const batch = [];
    for (let i = from; i < Math.min(JOBS, from + 1000); i++)
      batch.push({
        name: 'bare',
        data: { i, dueAt: dueOf(i) },
        opts: { jobId: `bare-${i}`, delay: Math.max(0, dueOf(i) - Date.now()), removeOnComplete: true, removeOnFail: true },
      });
    await queue.addBulk(batch);
  }
  const addedAt = now();
  if (addedAt > dueAt) throw new Error(`adding ${JOBS} jobs took ${Math.round(addedAt - addStart)} ms, past the due instant: raise LEAD_MS`);
  const deadline = dueAt + SPREAD_MS + 120_000;
  while (done + failed < JOBS && now() < deadline) await sleep(20);
  const sorted = (a) => [...a].sort((x, y) => x - y);
  const s = sorted(starts);
  const e = sorted(ends);
  const pct = (a, p) => (a.length ? a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)] : null);
  const result = {
    jobs: JOBS,
    concurrency: CONCURRENCY,
    dueAt,
    spreadMs: SPREAD_MS,
    addMs: Math.round(addedAt - addStart),
    completed: done,
    failed,
    firstStartAfterDueMs: s.length ? s[0] : null,
    startLatenessMs: { p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s.at(-1) },
    endLatenessMs: { p50: pct(e, 50), p95: pct(e, 95), p99: pct(e, 99), max: e.at(-1) },
    // The last job done after the last due time (a burst: after its one due instant).
    drainMs: e.length ? lastEnd - (dueAt + Math.floor(((JOBS - 1) * SPREAD_MS) / JOBS)) : null,
    throughputPerS: e.length ? e.length / ((lastEnd - dueAt) / 1000) : null,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

main()
  .catch((error) => {
    console.error(error?.stack ?? String(error));
    process.exitCode = 1;
  })
  .finally(async () => {
    await worker.close().catch(() => undefined);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    agent.destroy();
  });
