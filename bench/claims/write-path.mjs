// The write path of the claims bench: POST /v1/claims into a workspace that already holds the
// seeded claims, the service and the bare baseline taking turns, with the machine's load recorded
// for every run (the machine is shared). Then matching at that scale: does a rewording of a
// seeded claim find it, and what does the matching index cost (build time, memory, a match)?
import { readFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { load, round, summarize } from './measure.mjs';
import { claimantName, claimParts, claimTags, KINDS, PRIORITIES, rewordedText, rng, sentence } from './vocabulary.mjs';

/**
 * Request bodies: new claims of the same stories as the seed, and every `rewordEvery`-th one a
 * rewording of a seeded claim (another outlet reporting the same statement).
 */
export function writeBodies(seed, n, seededParts, rewordEvery = 10) {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const kind = KINDS[r.int(10) < 6 ? 0 : r.int(10) < 7 ? 1 : 2];
    const text =
      i % rewordEvery === rewordEvery - 1 && seededParts.length ? rewordedText(seededParts[r.int(seededParts.length)]) : sentence(claimParts(r, kind));
    return JSON.stringify({ text, kind, claimant: { name: claimantName(r) }, tags: claimTags(r), priority: r.pick(PRIORITIES) });
  });
}

/**
 * CPU time (ms) of the whole machine (busy, total) and of each of some processes, from /proc:
 * user + system in perPid, system alone in sysOf.
 */
function cpuNow(pids) {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const values = fields.map(Number);
  const idle = values[3] + values[4];
  const total = values.slice(0, 8).reduce((s, v) => s + v, 0);
  const perPid = new Map();
  const sysOf = new Map();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      perPid.set(pid, (Number(after[11]) + Number(after[12])) * tick); // utime, stime
      sysOf.set(pid, Number(after[12]) * tick);
    } catch {
      // the process ended
    }
  }
  return { busyMs: (total - idle) * tick, totalMs: total * tick, perPid, sysOf };
}

/**
 * How often a process's main thread gave up its core: of its own accord (voluntary: an idle
 * event loop waiting) and taken off it by the scheduler (involuntary: here mostly for a
 * PostgreSQL backend it had just woken by sending it a statement, see bench/README.md).
 */
function contextSwitches(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8');
    return {
      voluntary: Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(status)[1]),
      involuntary: Number(/^nonvoluntary_ctxt_switches:\s*(\d+)/m.exec(status)[1]),
    };
  } catch {
    return { voluntary: 0, involuntary: 0 }; // the process ended
  }
}

const backendsOf = async (db) =>
  (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`)).rows.map((r) => r.pid);

/**
 * Runs `work` and reports the machine's load meanwhile: load average before and after, how busy
 * the cores were, and how much of that was the bench itself (this process, the server under test,
 * the PostgreSQL backends of the bench database); the rest is other people's work. Also where
 * the bench's CPU went: the server's process and the database's backends, in ms per request.
 */
export async function withLoad(db, serverPid, work) {
  const backendsBefore = await backendsOf(db);
  const loadBefore = os.loadavg()[0];
  const before = cpuNow([process.pid, serverPid, ...backendsBefore]);
  const switchesBefore = contextSwitches(serverPid);
  const result = await work();
  // Backends the server's pool opened during the run count from zero.
  const backends = [...new Set([...backendsBefore, ...(await backendsOf(db))])];
  const after = cpuNow([process.pid, serverPid, ...backends]);
  const switchesAfter = contextSwitches(serverPid);
  const spent = (pid) => (after.perPid.get(pid) ?? before.perPid.get(pid) ?? 0) - (before.perPid.get(pid) ?? 0);
  const serverMs = spent(serverPid);
  const serverSysMs = (after.sysOf.get(serverPid) ?? before.sysOf.get(serverPid) ?? 0) - (before.sysOf.get(serverPid) ?? 0);
  const postgresMs = backends.reduce((sum, pid) => sum + spent(pid), 0);
  const ours = spent(process.pid) + serverMs + postgresMs;
  const cores = os.cpus().length;
  const total = after.totalMs - before.totalMs;
  const busy = after.busyMs - before.busyMs;
  const requests = result.ok || 1;
  return {
    ...result,
    load: {
      loadAverage1mBefore: round(loadBefore, 2),
      loadAverage1mAfter: round(os.loadavg()[0], 2),
      coresBusyPct: round((100 * busy) / total, 1),
      benchPct: round((100 * Math.min(ours, busy)) / total, 1),
      othersPct: round((100 * Math.max(0, busy - ours)) / total, 1),
      cores,
    },
    cpuPerRequestMs: { server: round(serverMs / requests, 2), serverSystem: round(serverSysMs / requests, 3), postgres: round(postgresMs / requests, 2) },
    serverMainThreadSwitchesPerRequest: {
      voluntary: round((switchesAfter.voluntary - switchesBefore.voluntary) / requests, 2),
      involuntary: round((switchesAfter.involuntary - switchesBefore.involuntary) / requests, 2),
    },
  };
}

/**
 * The write runs: `rounds` × (service, bare), alternating, each `amount` POSTs at `connections`
 * after a short warm-up of the same implementation and a CHECKPOINT. Every run adds claims to the
 * same seeded workspace, so both face the same growing table.
 */
export async function writeRuns(db, impls, { token, seededParts, rounds, connections, amount, warmup, log, waitIdle }) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const runs = [];
  let seed = 5000;
  for (let round_ = 1; round_ <= rounds; round_++) {
    for (const impl of round_ % 2 === 1 ? impls : [...impls].reverse()) {
      const warm = writeBodies(seed++, 20_000, seededParts);
      let w = 0;
      await load({ url: impl.url, path: '/v1/claims', method: 'POST', headers, body: () => warm[w++ % warm.length], connections, duration: warmup });
      await waitIdle(db);
      // Every run starts just after a checkpoint: a checkpoint in the middle of one (max_wal_size
      // is soon reached by these runs) makes each page written after it log a full image, which
      // would cost whichever implementation it fell on.
      // And just after a VACUUM (ANALYZE) of the tables it writes: autovacuum wakes up on a table
      // once a fifth of it is new, and on two cores it then took a share of whichever run it fell
      // on (the third service run, for 100,000 seeded claims: p99 150–230 ms).
      await db.query(`VACUUM (ANALYZE) ${WRITTEN_TABLES.join(', ')}`);
      await db.query('CHECKPOINT');
      const checkpointsBefore = await checkpoints(db);
      const maintenanceBefore = await autoMaintenance(db);
      const bodies = writeBodies(seed++, amount, seededParts);
      let i = 0;
      const run = await withLoad(db, impl.child.pid, () =>
        load({ url: impl.url, path: '/v1/claims', method: 'POST', headers, body: () => bodies[i++ % bodies.length], connections, amount }),
      );
      run.checkpointsDuring = (await checkpoints(db)) - checkpointsBefore;
      run.autoMaintenanceDuring = (await autoMaintenance(db)) - maintenanceBefore;
      const claims = (await db.query('SELECT count(*)::int AS n FROM claims')).rows[0].n;
      runs.push({ round: round_, impl: impl.name, ...run, claimsAfter: claims });
      log(
        `  round ${round_} ${impl.name.padEnd(7)} ${run.reqPerSec} req/s (p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms; ${claims} claims; load ${run.load.loadAverage1mBefore}→${run.load.loadAverage1mAfter}, cores ${run.load.coresBusyPct}% busy, others ${run.load.othersPct}%; CPU per request: server ${run.cpuPerRequestMs.server} ms (system ${run.cpuPerRequestMs.serverSystem}), PostgreSQL ${run.cpuPerRequestMs.postgres} ms; server's main thread taken off its core ${run.serverMainThreadSwitchesPerRequest.involuntary} times per request)${bad(run)}`,
      );
      if (run.ok !== amount)
        throw new Error(`${impl.name}: ${amount - run.ok} requests failed: ${JSON.stringify(run.statuses)} errors=${run.errors} timeouts=${run.timeouts}`);
      await waitIdle(db);
    }
  }
  const of = (name) => runs.filter((r) => r.impl === name);
  const mean = (list, f) => round(list.reduce((s, r) => s + f(r), 0) / list.length, 1);
  const service = of('service');
  const bare = of('bare');
  const summary = {
    serviceReqPerSec: mean(service, (r) => r.reqPerSec),
    bareReqPerSec: mean(bare, (r) => r.reqPerSec),
    serviceP99: mean(service, (r) => r.latencyMs.p99),
    bareP99: mean(bare, (r) => r.latencyMs.p99),
    // Each round's ratio from its own pair of runs: a busy spell of the machine hits one pair, not the mean.
    roundRatios: Array.from({ length: rounds }, (_, k) => round(service[k].reqPerSec / bare[k].reqPerSec, 3)),
  };
  summary.ratio = round(summary.serviceReqPerSec / summary.bareReqPerSec, 3);
  summary.p99Ratio = round(summary.serviceP99 / summary.bareP99, 2);
  summary.met = summary.ratio >= 0.6 && summary.p99Ratio <= 2;
  return { method: `${rounds} rounds × (service, bare) alternating, ${amount} POSTs each at ${connections} connections`, runs, ...summary };
}

/** The tables a creation writes to (either implementation). */
const WRITTEN_TABLES = ['claims', 'claim_events', 'claim_followers', 'outbox_events'];

/** Autovacuum and autoanalyze runs so far on the tables a creation writes to. */
async function autoMaintenance(db) {
  const { rows } = await db.query(`SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::int AS n FROM pg_stat_user_tables WHERE relname = ANY($1)`, [
    WRITTEN_TABLES,
  ]);
  return rows[0].n;
}

/** Checkpoints PostgreSQL has made since its statistics were reset (timed and requested). */
async function checkpoints(db) {
  const { rows } = await db.query('SELECT (checkpoints_timed + checkpoints_req)::int AS n FROM pg_stat_bgwriter').catch(
    // PostgreSQL 17 moved them to pg_stat_checkpointer.
    () => db.query('SELECT (num_timed + num_requested)::int AS n FROM pg_stat_checkpointer'),
  );
  return rows[0].n;
}

function bad(run) {
  const codes = Object.entries(run.statuses).filter(([code]) => Number(code) >= 300);
  const failed =
    codes.length || run.errors || run.timeouts ? `  !! ${JSON.stringify(Object.fromEntries(codes))} errors=${run.errors} timeouts=${run.timeouts}` : '';
  const checkpointed = run.checkpointsDuring ? `  !! ${run.checkpointsDuring} checkpoint(s) during the run` : '';
  const maintained = run.autoMaintenanceDuring ? `  !! ${run.autoMaintenanceDuring} autovacuum/autoanalyze run(s) during the run` : '';
  return failed + checkpointed + maintained;
}

/**
 * Matching at scale, through the API, one request at a time: `n` rewordings of seeded claims
 * (is the original among the 201's `similar`, and in GET …/similar?) and `n` new claims (how
 * many claims are listed for them); for every one, is the 201's `similar` the first five of GET
 * …/similar? Then the matching index's cost for the same new texts.
 */
export async function matchingAtScale(db, { url, token, workspaceId, seededParts, n, fingerprint }) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = async (text) => {
    const res = await fetch(`${url}/v1/claims`, { method: 'POST', headers, body: JSON.stringify({ text, kind: 'statement', claimant: { name: 'Bench' } }) });
    if (res.status !== 201) throw new Error(`POST /v1/claims → ${res.status}`);
    return res.json();
  };
  const r = rng(777);
  let inCreated = 0;
  let inList = 0;
  // The contract: the 201's `similar` is the first five of GET …/similar, same ids, same order.
  let sameFive = 0;
  const firstFive = (created, listed) => {
    const five = listed.items.slice(0, 5).map((s) => s.id);
    return created.similar.length === five.length && created.similar.every((s, k) => s.id === five[k]);
  };
  const rewordings = [];
  for (let i = 0; i < n; i++) {
    const parts = seededParts[r.int(seededParts.length)];
    const original = sentence(parts);
    const created = await post(rewordedText(parts));
    const ids = await db.query(`SELECT id FROM claims WHERE workspace_id = $1 AND text = $2`, [workspaceId, original]);
    const originals = new Set(ids.rows.map((row) => row.id));
    if (created.similar.some((s) => originals.has(s.id))) inCreated++;
    const listed = await (await fetch(`${url}/v1/claims/${created.id}/similar`, { headers })).json();
    if (listed.items.some((s) => originals.has(s.id))) inList++;
    if (firstFive(created, listed)) sameFive++;
    if (rewordings.length < 3) rewordings.push({ original, reworded: created.text, similar: created.similar.slice(0, 3).map((s) => [s.score, s.text]) });
  }
  const listedForNew = [];
  const texts = [];
  for (let i = 0; i < n; i++) {
    const text = sentence(claimParts(r, KINDS[r.int(3)]));
    texts.push(text);
    const created = await post(text);
    const listed = await (await fetch(`${url}/v1/claims/${created.id}/similar`, { headers })).json();
    listedForNew.push(listed.items.length);
    if (firstFive(created, listed)) sameFive++;
  }
  // The service's matching index (src/claims/matching/match-index.ts), built here as an API host
  // builds it, from every claim's match_words: how long that takes, the memory it holds, and a
  // match of each new text (the claims scored, the time).
  const index = await indexOf(db, workspaceId, fingerprint);
  const times = [];
  const scored = [];
  for (const text of texts) {
    const { words, keys } = fingerprint.matchProbe(workspaceId, text);
    const counts = { scored: 0 };
    const start = performance.now();
    index.index.match(words, keys, '', 50, counts);
    times.push(performance.now() - start);
    scored.push(counts.scored);
  }
  return {
    rewordings: { n, originalIn201: inCreated, originalInList: inList, examples: rewordings },
    newClaims: { n, listed: summarize(listedForNew) },
    createdIsFirstFiveOfList: { of: 2 * n, same: sameFive },
    index: { claims: index.claims, buildMs: index.buildMs, heapMB: index.heapMB, matchMs: summarize(times), scored: summarize(scored) },
  };
}

/** A MatchIndex of the workspace, as SimilarClaims builds one, with its build time and the heap it took. */
async function indexOf(db, workspaceId, fingerprint) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  gc();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const start = performance.now();
  const { rows } = await db.query(`SELECT id, match_seq::text AS seq, match_words AS words FROM claims WHERE workspace_id = $1`, [workspaceId]);
  const index = new fingerprint.MatchIndex();
  for (const row of rows) {
    index.upsert(row.id, row.words, fingerprint.matchKeys(workspaceId, row.words), Number(row.seq));
  }
  const buildMs = Math.round(performance.now() - start);
  rows.length = 0;
  gc();
  const heapMB = Math.round((process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore) / 1e5) / 10;
  return { index, claims: index.size, buildMs, heapMB };
}
