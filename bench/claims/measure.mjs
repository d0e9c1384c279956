// Load generation (autocannon, programmatic) and the statistics the bench reports.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

/**
 * One autocannon run. `duration` (s) or `amount` (requests); `rate` caps the requests per second
 * over all connections (otherwise each connection sends its next request as soon as it has the
 * answer: closed loop, at saturation). Every response time is kept, so
 * any percentile can be computed (autocannon's own summary has no p95).
 * `body` may be a function returning the next body (one call per request).
 */
export async function load({ url, path, method = 'GET', headers = {}, body, connections, duration, amount, rate, timeout = 120 }) {
  const latencies = [];
  const statuses = {};
  const done = []; // completion times, ms since start
  const request = { method, path, headers };
  if (typeof body === 'function') {
    request.setupRequest = (req) => ({ ...req, body: body() });
  } else if (body !== undefined) {
    request.body = body;
  }
  const startedAt = performance.now();
  const instance = autocannon({
    url,
    connections,
    pipelining: 1,
    timeout,
    ...(amount ? { amount } : { duration }),
    ...(rate ? { overallRate: rate } : {}),
    requests: [request],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    done.push(performance.now() - startedAt);
  });
  const result = await instance;
  // autocannon notices the end of an `amount` run only at its next 1 s tick: time the run by its
  // last response instead. A `duration` run counts the responses within `duration`.
  const elapsedS = amount ? (done.length ? done[done.length - 1] : performance.now() - startedAt) / 1000 : duration;
  const ok = latencies.length;
  return {
    connections,
    rate: rate ?? null,
    duration: amount ? null : duration,
    amount: amount ?? null,
    elapsedS: round(elapsedS, 2),
    ok,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    reqPerSec: round(ok / elapsedS, 1),
    latencyMs: summarize(latencies),
    // The longest stretch with no response at all (a stall: a checkpoint, a retransmitted SYN…).
    maxGapMs: round(
      done.reduce((gap, t, i) => Math.max(gap, t - (i ? done[i - 1] : 0)), 0),
      1,
    ),
    firstResponseMs: done.length ? round(done[0], 1) : null,
  };
}

/**
 * Open-loop GETs at a fixed `rate` for `duration` s: request i leaves at start + i/rate whether
 * or not earlier ones have been answered (autocannon's own rate limit sends each second's
 * requests in a burst, which measures a burst, not a steady load). Latency runs from the moment a
 * request leaves, including any wait for one of the `connections` keep-alive sockets.
 */
export async function paced({ url, path, headers = {}, rate, duration, connections = 10 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(path, url);
  const n = Math.round(rate * duration);
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let late = 0; // requests that left more than 5 ms after their slot (the generator fell behind)
  const fire = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request(target, { method: 'GET', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const inflight = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const slot = start + (i * 1000) / rate;
    const wait = slot - performance.now();
    if (wait > 0) await sleep(wait);
    else if (wait < -5) late++;
    inflight.push(fire());
  }
  await Promise.all(inflight);
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    connections,
    rate,
    duration,
    amount: null,
    elapsedS: round(elapsedS, 2),
    ok: latencies.length,
    statuses,
    errors,
    timeouts: 0,
    late,
    reqPerSec: round(latencies.length / elapsedS, 1),
    latencyMs: summarize(latencies),
  };
}

export function summarize(values) {
  if (values.length === 0) return { n: 0, mean: null, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { n: sorted.length, mean: round(mean, 2), p50: round(q(50), 2), p95: round(q(95), 2), p99: round(q(99), 2), max: round(sorted[sorted.length - 1], 2) };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(x, digits) {
  if (x === null || x === undefined || Number.isNaN(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A markdown table: `rows` are arrays of cells. */
export function table(header, rows) {
  const cells = [header, ...rows].map((r) => r.map((c) => (c === null || c === undefined ? '–' : String(c))));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(cells[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}
