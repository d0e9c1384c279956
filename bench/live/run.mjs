// Live events bench: 1,000 clients on GET /v1/events of one API host while claims are written at
// 100/s; the time from each claim's commit to its claim.created reaching every client. Not part
// of `npm test`.
//
//   npx nest build && node bench/live/run.mjs [--clients=1000] [--rate=100] [--duration=30] …
//
// See bench/README.md ("Live events: fan-out to 1,000 clients") for the method and the figures.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { round, summarize, table } from '../claims/measure.mjs';
import { claimBody, rng } from '../claims/vocabulary.mjs';
import { parseOptions } from '../lib/options.mjs';
import { writeResults } from '../lib/results.mjs';
import { killAllSync, startNode, stopAll, waitHealthy } from '../lib/processes.mjs';
import { assertPortFree, dropDatabase, machine, scrape } from '../lib/service.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const SERVICE_ENTRY = join(ROOT, 'dist', 'src', 'main.js');

const DEFAULTS = {
  dbUrl: 'postgres://postgres@127.0.0.1:5432/claimtrack_bench_live',
  redisUrl: 'redis://127.0.0.1:6379',
  port: 3821,
  clients: 1000, // open streams on the one API host
  users: 100, // the clients are spread over this many people (each token is checked again every 5 s)
  write: 'update', // update: PATCH /v1/claims/:id (claim.updated); create: POST /v1/claims (claim.created)
  pool: 300, // update: the claims edited in turn (each every pool/rate s)
  rate: 100, // claims written per second (open loop)
  duration: 30, // s measured
  warmup: 5, // s at the same rate, not measured
  writeConnections: 20, // keep-alive sockets of the writer
  threads: 2, // worker threads reading the streams
  keep: false, // keep the bench database at the end
};

const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
/** Wall-clock milliseconds with sub-millisecond resolution, comparable with the server's `at`. */
const wallNow = () => performance.timeOrigin + performance.now();

async function main() {
  const loadAtStart = os.loadavg();
  const opts = parseOptions(process.argv.slice(2), DEFAULTS);
  if (!existsSync(SERVICE_ENTRY)) throw new Error(`${relative(ROOT, SERVICE_ENTRY)} is missing: run \`npx nest build\` first`);
  const dbName = decodeURIComponent(new URL(opts.dbUrl).pathname.slice(1));
  const maintenanceUrl = Object.assign(new URL(opts.dbUrl), { pathname: '/postgres' }).toString();
  const adminToken = `bench_${randomBytes(16).toString('hex')}`;
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const results = { startedAt: new Date().toISOString(), options: opts };
  let readers = null;
  let cleanedUp = false;

  const cleanup = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    await readers?.close();
    await stopAll();
    if (!opts.keep) await dropDatabase(maintenanceUrl, dbName).catch((e) => log(`could not drop ${dbName}: ${e.message}`));
    else log(`kept database ${dbName} (${opts.dbUrl})`);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }
  process.once('exit', killAllSync);

  try {
    await assertPortFree(baseUrl);
    log(`recreating database ${dbName}`);
    await dropDatabase(maintenanceUrl, dbName);
    log('starting one API host (APP_ROLE=api; it creates the database and migrates)');
    const commits = new Map(); // write key → wall-clock ms of its COMMIT (commit-times.cjs)
    const service = startNode(
      'service',
      ['--require', join(HERE, 'commit-times.cjs'), SERVICE_ENTRY],
      {
        PORT: String(opts.port),
        DATABASE_URL: opts.dbUrl,
        REDIS_URL: opts.redisUrl,
        ADMIN_TOKEN: adminToken,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '0',
        APP_ROLE: 'api',
        QUEUE_PREFIX: `benchlive${randomBytes(3).toString('hex')}`,
      },
      {
        cwd: ROOT,
        onLine: (line) => {
          const m = /^commit-time (\S+) ([0-9.]+)$/.exec(line);
          // create: the key is the claim's id; update: `u<n>`, the n-th edit (its text ends in `(edit n)`)
          if (m) commits.set(m[1], Number(m[2]));
        },
      },
    );
    await waitHealthy(service, `${baseUrl}/health`);
    results.machine = await machine(opts.dbUrl, loadAtStart);

    // ------------------------------------------------------------ accounts and streams
    const desk = await setUpDesk(baseUrl, adminToken, opts.users, opts.write === 'update' ? opts.pool : 0);
    log(`opening ${opts.clients} streams for ${opts.users} people, in ${opts.threads} reader threads`);
    readers = new Readers(baseUrl, desk.tokens, opts.clients, opts.threads, opts.write);
    const connectStarted = performance.now();
    await readers.all('open');
    results.connect = { clients: opts.clients, seconds: round((performance.now() - connectStarted) / 1000, 2) };
    results.connect.streamsOnHost = (await scrape(baseUrl)).claimtrack_live_streams;
    log(`${opts.clients} streams open in ${results.connect.seconds} s (the host counts ${results.connect.streamsOnHost})`);

    // ------------------------------------------------------------ load
    const writer = new Writer(baseUrl, desk.writerToken, opts.writeConnections, opts.write, desk.pool);
    log(`warm-up: ${opts.rate} claims/s (${opts.write}) for ${opts.warmup} s`);
    await writer.paced(opts.rate, opts.warmup, null);
    await sleep(2000);
    await readers.all('record');

    const before = await scrape(baseUrl);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    log(`measuring: ${opts.rate} claims/s (${opts.write}) for ${opts.duration} s, ${opts.clients} clients`);
    const written = new Map();
    const started = performance.now();
    const load = await writer.paced(opts.rate, opts.duration, written);
    const writeSeconds = (performance.now() - started) / 1000;
    const after = await scrape(baseUrl);
    loop.disable();
    const expected = written.size * opts.clients;
    log(`${written.size} writes; waiting for ${expected} deliveries`);
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(200)) {
      const { arrivals } = await readers.arrivals();
      if (arrivals >= expected) break;
    }
    const { ended } = await readers.arrivals();
    const collected = await readers.all('collect');

    // ------------------------------------------------------------ figures
    const fanOut = { ...fanOutSummary(written, commits, collected, opts.clients), streamsEnded: ended };
    results.load = {
      rate: opts.rate,
      durationS: opts.duration,
      writes: load.ok,
      writeErrors: load.errors,
      writesLate: load.late,
      achievedRate: round(load.ok / writeSeconds, 1),
      writeLatencyMs: summarize(load.latencies),
    };
    results.fanOut = fanOut;
    results.host = {
      cpuPercent: round(((after.claimtrack_process_cpu_seconds_total - before.claimtrack_process_cpu_seconds_total) / writeSeconds) * 100, 1),
      rssMb: round(after.claimtrack_process_resident_memory_bytes / 1048576, 0),
      eventLoopLagP99Ms: round(after.claimtrack_nodejs_eventloop_lag_p99_seconds * 1000, 1),
      eventLoopLagMaxMs: round(after.claimtrack_nodejs_eventloop_lag_max_seconds * 1000, 1),
      liveEventsReceived: after.claimtrack_live_events_received_total - before.claimtrack_live_events_received_total,
      streamsAtEnd: after.claimtrack_live_streams,
    };
    results.writerThread = { eventLoopDelayP99Ms: round(loop.percentile(99) / 1e6, 1), eventLoopDelayMaxMs: round(loop.max / 1e6, 1) };
    results.machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
    report(results);
    log(`results written to ${writeResults('live', results)}`);
  } finally {
    await cleanup();
  }
}

// ==================================================================== clients

/** The streams, held by worker threads (bench/live/clients.mjs) so that reading them never delays the writer. */
class Readers {
  constructor(baseUrl, tokens, clients, threads, write) {
    this.clients = clients;
    this.workers = [];
    const per = Math.ceil(clients / threads);
    for (let first = 0; first < clients; first += per) {
      const worker = new Worker(join(HERE, 'clients.mjs'), { workerData: { baseUrl, tokens, first, count: Math.min(per, clients - first), write } });
      this.workers.push(worker);
    }
  }

  /** Sends `cmd` to every worker and waits for each one's answer. */
  all(cmd) {
    return Promise.all(
      this.workers.map(
        (worker) =>
          new Promise((resolveAnswer, rejectAnswer) => {
            const onMessage = (message) => {
              worker.off('message', onMessage);
              if (message.type === 'error') rejectAnswer(new Error(message.message));
              else resolveAnswer(message);
            };
            worker.on('message', onMessage);
            worker.postMessage({ cmd });
          }),
      ),
    );
  }

  async arrivals() {
    const counts = await this.all('count');
    return { arrivals: counts.reduce((n, c) => n + c.arrivals, 0), ended: counts.reduce((n, c) => n + c.ended, 0) };
  }

  async close() {
    await this.all('close').catch(() => undefined);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/**
 * Per write: when it committed (commit-times.cjs), when its answer came back to the writer, its
 * `at` (its transaction's start, from the event) and when its event reached each client.
 */
function fanOutSummary(written, commits, collected, clients) {
  const arrivals = new Map();
  let duplicates = 0;
  for (const part of collected) {
    duplicates += part.duplicates;
    for (const [key, at, times] of part.writes) {
      let entry = arrivals.get(key);
      if (!entry) arrivals.set(key, (entry = { at, times: new Float64Array(clients) }));
      entry.times.set(times, part.first);
    }
  }
  const fromCommit = [];
  const fromStart = [];
  const fromResponse = [];
  const lastClient = [];
  let missing = 0;
  let noCommitTime = 0;
  for (const [key, { respondedAt }] of written) {
    const entry = arrivals.get(key);
    const committedAt = commits.get(key);
    if (committedAt === undefined) noCommitTime++;
    if (!entry) {
      missing += clients;
      continue;
    }
    let last = 0;
    for (const t of entry.times) {
      if (!t) {
        missing++;
        continue;
      }
      if (committedAt !== undefined) fromCommit.push(t - committedAt);
      fromStart.push(t - entry.at);
      fromResponse.push(t - respondedAt);
      last = Math.max(last, t);
    }
    if (last && committedAt !== undefined) lastClient.push(last - committedAt);
  }
  return {
    writes: written.size,
    deliveries: fromResponse.length,
    expectedDeliveries: written.size * clients,
    missing,
    duplicates,
    foreignWrites: [...arrivals.keys()].filter((key) => !written.has(key)).length,
    claimsWithoutCommitTime: noCommitTime,
    // From the moment COMMIT returned in the API host (the same machine's clock).
    commitToArrivalMs: summarize(fromCommit),
    // Per write, until the last of the clients had its event.
    commitToLastClientMs: summarize(lastClient),
    // From `at`, the start of the claim's transaction: commit → arrival plus the transaction's own time.
    transactionStartToArrivalMs: summarize(fromStart),
    // From the moment the writer had its answer, which follows the commit (for a creation, by
    // the similar-claims query): negative when the event beat the response.
    responseToArrivalMs: summarize(fromResponse),
  };
}

// ==================================================================== writer

class Writer {
  constructor(baseUrl, token, connections, mode, pool) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.mode = mode;
    this.pool = pool;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    this.random = rng(17);
    this.n = 0;
  }

  /** Open loop: write i leaves at start + i/rate whether or not earlier ones were answered. `written`: key → times. */
  async paced(rate, durationS, written) {
    const count = Math.round(rate * durationS);
    const latencies = [];
    let errors = 0;
    let late = 0;
    let ok = 0;
    const inflight = [];
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const slot = start + (i * 1000) / rate;
      const wait = slot - performance.now();
      if (wait > 0) await sleep(wait);
      else if (wait < -5) late++;
      inflight.push(
        this.write(written).then(
          (ms) => {
            ok++;
            latencies.push(ms);
          },
          () => errors++,
        ),
      );
    }
    await Promise.all(inflight);
    return { ok, errors, late, latencies };
  }

  /** One write: a new claim, or the next claim of the pool edited (its text ends in `(edit n)`). */
  write(written) {
    const n = ++this.n;
    let path;
    let method;
    let payload;
    let key = null;
    if (this.mode === 'create') {
      path = '/v1/claims';
      method = 'POST';
      payload = claimBody(this.random);
    } else {
      const claim = this.pool[n % this.pool.length];
      path = `/v1/claims/${claim.id}`;
      method = 'PATCH';
      payload = { text: `${claim.text} (edit ${n})` };
      key = `u${n}`;
    }
    const body = JSON.stringify(payload);
    const sentAt = wallNow();
    const t0 = performance.now();
    return new Promise((resolveWrite, rejectWrite) => {
      const req = http.request(
        new URL(path, this.baseUrl),
        {
          method,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(method === 'PATCH' ? { 'if-match': '*' } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            if (res.statusCode >= 300) return rejectWrite(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 200)}`));
            written?.set(key ?? JSON.parse(text).id, { sentAt, respondedAt: wallNow() });
            resolveWrite(performance.now() - t0);
          });
        },
      );
      req.on('error', rejectWrite);
      req.end(body);
    });
  }
}

// ==================================================================== setup and report

async function setUpDesk(baseUrl, adminToken, users, poolSize) {
  const call = async (token, method, path, body) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const suffix = randomBytes(3).toString('hex');
  const ws = await call(adminToken, 'POST', '/v1/workspaces', { name: `Live bench ${suffix}`, adminEmail: `admin-${suffix}@bench.example` });
  const tokens = [];
  for (let i = 0; i < users; i++) {
    const user = await call(ws.admin.token, 'POST', '/v1/users', { email: `reader-${i}-${suffix}@bench.example`, name: `Reader ${i}`, role: 'checker' });
    tokens.push(user.token);
  }
  const random = rng(23);
  const pool = [];
  for (let i = 0; i < poolSize; i++) {
    const body = claimBody(random);
    pool.push({ id: (await call(ws.admin.token, 'POST', '/v1/claims', body)).id, text: body.text });
  }
  return { writerToken: ws.admin.token, tokens, pool };
}

function report(results) {
  const f = results.fanOut;
  const row = (name, s) => [name, s.n, s.p50, s.p95, s.p99, s.max];
  console.log('\n### Fan-out latency, ms\n');
  console.log(
    table(
      [`${results.options.write === 'create' ? 'claim.created' : 'claim.updated'}: from … to its arrival`, 'n', 'p50', 'p95', 'p99', 'max'],
      [
        row('COMMIT in the API host → a client', f.commitToArrivalMs),
        row(`COMMIT → the last of the ${results.options.clients} clients, per write`, f.commitToLastClientMs),
        row("the transaction's start (`at`) → a client", f.transactionStartToArrivalMs),
        row('the answer at the writer → a client', f.responseToArrivalMs),
      ],
    ),
  );
  console.log(
    `\n${f.writes} writes × ${results.options.clients} clients = ${f.expectedDeliveries} deliveries expected: ${f.deliveries} arrived, ${f.missing} missing, ${f.duplicates} duplicates; ${f.streamsEnded} streams ended early.`,
  );
  const l = results.load;
  console.log(
    `\nWrites (${results.options.write}): ${l.writes} at ${l.achievedRate}/s (${l.writeErrors} errors, ${l.writesLate} late), answered in p50 ${l.writeLatencyMs.p50} ms, p99 ${l.writeLatencyMs.p99} ms.`,
  );
  const h = results.host;
  console.log(
    `API host: ${h.cpuPercent}% CPU, RSS ${h.rssMb} MB, event-loop lag p99 ${h.eventLoopLagP99Ms} ms (max ${h.eventLoopLagMaxMs} ms), ${h.streamsAtEnd} streams open at the end. Writer's event-loop delay p99 ${results.writerThread.eventLoopDelayP99Ms} ms.`,
  );
  console.log(`Streams: ${results.connect.clients} opened in ${results.connect.seconds} s.`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
