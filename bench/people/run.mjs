// Sign-in bench: 20 people signing in at once, again and again, on one API host. Password
// hashing (argon2id, 19 MiB, two passes) is the expensive part of a sign-in; it must run off the
// event loop, so that everything else the host serves meanwhile is not held up. Measured beside a
// bare Fastify + pg + argon2 handler doing the least a sign-in must do (bare-server.mjs), the two
// alternating in one run. Not part of `npm test`.
//
//   npm run bench:people        (= npm run build && node bench/people/run.mjs [--concurrency=20] …)
//
// See bench/README.md ("Sign-in: 20 at once") for the method and the figures.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { round, summarize, table } from '../claims/measure.mjs';
import { parseOptions } from '../lib/options.mjs';
import { killAllSync, startNode, stopAll, waitHealthy } from '../lib/processes.mjs';
import { writeResults } from '../lib/results.mjs';
import { assertPortFree, dropDatabase, machine, scrape } from '../lib/service.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const SERVICE_ENTRY = join(ROOT, 'dist', 'src', 'main.js');
const PASSWORD = 'amber-kettle-harbour-1947';

const DEFAULTS = {
  dbUrl: 'postgres://postgres@127.0.0.1:5432/claimtrack_bench_people',
  redisUrl: 'redis://127.0.0.1:6379',
  port: 3831,
  barePort: 3832,
  concurrency: 20, // people signing in at the same time, each again as soon as answered
  duration: 15, // s measured per run
  warmup: 3, // s of the same load before each run, not measured
  rounds: 2, // each round measures the bare handler, then the service
  probeEvery: 20, // ms between the probe's GET /health requests
  keep: false,
};

const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

async function main() {
  const loadAtStart = os.loadavg();
  const opts = parseOptions(process.argv.slice(2), DEFAULTS);
  if (!existsSync(SERVICE_ENTRY)) throw new Error(`${relative(ROOT, SERVICE_ENTRY)} is missing: run \`npm run build\` first`);
  const dbName = decodeURIComponent(new URL(opts.dbUrl).pathname.slice(1));
  const maintenanceUrl = Object.assign(new URL(opts.dbUrl), { pathname: '/postgres' }).toString();
  const adminToken = `bench_${randomBytes(16).toString('hex')}`;
  const targets = {
    bare: `http://127.0.0.1:${opts.barePort}`,
    service: `http://127.0.0.1:${opts.port}`,
  };
  const results = { startedAt: new Date().toISOString(), options: opts, runs: [] };

  let cleanedUp = false;
  const cleanup = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    await stopAll();
    if (!opts.keep) await dropDatabase(maintenanceUrl, dbName).catch((e) => log(`could not drop ${dbName}: ${e.message}`));
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  process.once('exit', killAllSync);

  try {
    for (const url of Object.values(targets)) await assertPortFree(url);
    log(`recreating database ${dbName}`);
    await dropDatabase(maintenanceUrl, dbName);
    const service = startNode('service', [SERVICE_ENTRY], {
      PORT: String(opts.port),
      DATABASE_URL: opts.dbUrl,
      REDIS_URL: opts.redisUrl,
      ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      APP_ROLE: 'api',
      QUEUE_PREFIX: `benchpeople${randomBytes(3).toString('hex')}`,
    });
    await waitHealthy(service, `${targets.service}/health`);
    const bare = startNode('bare', [join(HERE, 'bare-server.mjs')], { PORT: String(opts.barePort), DATABASE_URL: opts.dbUrl });
    await waitHealthy(bare, `${targets.bare}/health`);
    results.machine = await machine(opts.dbUrl, loadAtStart);

    const people = await setUpPeople(targets.service, adminToken, opts.concurrency);
    log(`${people.length} people with passwords; ${opts.rounds} rounds of ${opts.duration} s per target`);

    for (let round = 1; round <= opts.rounds; round++) {
      for (const [name, url] of Object.entries(targets)) {
        await signInStorm(url, people, opts.concurrency, opts.warmup, null);
        const before = name === 'service' ? await scrape(url) : null; // also resets the lag histogram
        const idle = await probe(url, opts.probeEvery, 2);
        const run = await signInStorm(url, people, opts.concurrency, opts.duration, opts.probeEvery);
        const after = name === 'service' ? await scrape(url) : null;
        results.runs.push({
          round,
          target: name,
          ...run,
          idleProbeMs: idle,
          hostEventLoopLagMs: after && {
            p50: round1(after.claimtrack_nodejs_eventloop_lag_p50_seconds * 1000),
            p99: round1(after.claimtrack_nodejs_eventloop_lag_p99_seconds * 1000),
            max: round1(after.claimtrack_nodejs_eventloop_lag_max_seconds * 1000),
          },
          hostCpuPercent:
            after && round1(((after.claimtrack_process_cpu_seconds_total - before.claimtrack_process_cpu_seconds_total) / (run.seconds + 2)) * 100),
          loadAverage: os.loadavg().map((x) => round1(x)),
        });
        log(`round ${round} ${name}: ${run.perSecond} sign-ins/s, p99 ${run.latencyMs.p99} ms; probe p99 ${run.probeMs.p99} ms`);
      }
    }
    results.machine.loadAverageAtEnd = os.loadavg().map((x) => round1(x));
    report(results);
    log(`results written to ${writeResults('people', results)}`);
  } finally {
    await cleanup();
  }
}

const round1 = (x) => round(x, 1);

/** A workspace and `n` checkers, each with a password set through their invitation. */
async function setUpPeople(baseUrl, adminToken, n) {
  const call = async (token, path, body) => {
    const res = await fetch(baseUrl + path, {
      method: 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const json = await res.json();
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const suffix = randomBytes(3).toString('hex');
  const ws = await call(adminToken, '/v1/workspaces', { name: `Sign-in bench ${suffix}`, adminEmail: `admin-${suffix}@bench.example` });
  const people = [];
  for (let i = 0; i < n; i++) {
    const email = `checker-${i}-${suffix}@bench.example`;
    const user = await call(ws.admin.token, '/v1/users', { email, name: `Checker ${i}`, role: 'checker' });
    const invitation = await call(ws.admin.token, `/v1/users/${user.id}/invitations`);
    await call(null, `/v1/auth/invitations/${invitation.url.split('/').pop()}`, { password: PASSWORD });
    people.push({ email, password: PASSWORD });
  }
  return people;
}

/**
 * `concurrency` loops, each signing its own person in again as soon as the last sign-in was
 * answered, for `seconds`; with `probeEvery`, a probe sends GET /health that often meanwhile.
 */
async function signInStorm(baseUrl, people, concurrency, seconds, probeEvery) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const statuses = {};
  const deadline = performance.now() + seconds * 1000;
  const loop = async (person) => {
    const body = JSON.stringify(person);
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const status = await request(agent, `${baseUrl}/v1/auth/login`, 'POST', body);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  const probing = probeEvery ? probe(baseUrl, probeEvery, seconds) : null;
  await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(people[i % people.length])));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    seconds: round(elapsed, 2),
    signIns: latencies.length,
    perSecond: round(latencies.length / elapsed, 1),
    statuses,
    latencyMs: summarize(latencies),
    probeMs: await probing,
  };
}

/** GET /health every `every` ms for `seconds`, each on its own connection: how long a cheap request waits. */
async function probe(baseUrl, every, seconds) {
  const latencies = [];
  const inflight = [];
  const start = performance.now();
  for (let i = 0; performance.now() - start < seconds * 1000; i++) {
    const wait = start + i * every - performance.now();
    if (wait > 0) await sleep(wait);
    const t0 = performance.now();
    inflight.push(request(undefined, `${baseUrl}/health`, 'GET').then((status) => status === 200 && latencies.push(performance.now() - t0)));
  }
  await Promise.all(inflight);
  return summarize(latencies);
}

function request(agent, url, method, body) {
  return new Promise((resolveStatus) => {
    const req = http.request(
      url,
      { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} },
      (res) => {
        res.resume();
        res.on('end', () => resolveStatus(res.statusCode));
      },
    );
    req.on('error', () => resolveStatus('error'));
    req.end(body);
  });
}

function report(results) {
  const row = (r) => [
    r.round,
    r.target,
    r.perSecond,
    r.latencyMs.p50,
    r.latencyMs.p95,
    r.latencyMs.p99,
    `${r.idleProbeMs.p50} / ${r.idleProbeMs.p99}`,
    `${r.probeMs.p50} / ${r.probeMs.p99}`,
    r.hostEventLoopLagMs ? `${r.hostEventLoopLagMs.p99} / ${r.hostEventLoopLagMs.max}` : '–',
    r.loadAverage[0],
  ];
  console.log(`\n### ${results.options.concurrency} sign-ins at a time, ${results.options.duration} s per run\n`);
  console.log(
    table(
      [
        'round',
        'target',
        'sign-ins/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'GET /health idle p50 / p99 ms',
        'GET /health under load p50 / p99 ms',
        'event-loop lag p99 / max ms',
        'load 1 min',
      ],
      results.runs.map(row),
    ),
  );
  const best = (target, pick) => Math.max(...results.runs.filter((r) => r.target === target).map(pick));
  const least = (target, pick) => Math.min(...results.runs.filter((r) => r.target === target).map(pick));
  const ratio = best('service', (r) => r.perSecond) / best('bare', (r) => r.perSecond);
  const p99Ratio = least('service', (r) => r.latencyMs.p99) / least('bare', (r) => r.latencyMs.p99);
  console.log(`\nService / bare: ${round(ratio, 2)}× the sign-ins per second (best runs), p99 ${round(p99Ratio, 2)}× bare (best runs).`);
  results.ratio = { perSecond: round(ratio, 2), p99: round(p99Ratio, 2) };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
