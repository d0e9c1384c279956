// Reminders bench, steady: reminders falling due at a steady rate (1,000 a second for 30 s by
// default), each making an inbox entry for its claim's assignee and one webhook call to the
// sink. Lateness per second and overall, the lag to the sink, nothing lost or doubled, and a
// bare BullMQ stream at the same rate. The burst's set-up, sink and worker (run.mjs).
//
//   npx nest build && node bench/reminders/run.mjs steady [--rate=1000] [--duration=30] …
//
// Method and figures: bench/README.md, "Steady: 1,000 firings a second".
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { stop, tail } from '../lib/processes.mjs';
import {
  bareBaseline,
  counterDelta,
  dbName,
  deletePrefix,
  eventLoopLag,
  insertReminders,
  log,
  measureRun,
  pgActivitySampler,
  pgCounters,
  sinkGet,
  sleepUntil,
  startWorker,
  table,
  warnings,
} from './common.mjs';
import { cpuDelta, cpuSnapshot } from './system.mjs';

const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/**
 * Inserts `rate × duration` reminders due evenly from T (lead seconds ahead, so that the sweep
 * arms every one of them before T, as in the burst), starts a worker alone, and follows the
 * stream second by second until the sink has every webhook.
 */
export async function steady(opts, dist, db, redis, result, ws, sink) {
  const n = opts.rate * opts.duration;
  const spanMs = opts.duration * 1000;
  const out = { rate: opts.rate, durationS: opts.duration, reminders: n, setup: { users: ws.users.length, claims: ws.claims.length, webhooks: 1 } };
  result.steady = out;
  await deletePrefix(redis, opts.prefix);
  const worker = await startWorker(opts, dist, opts.prefix);
  try {
    const insertAt = Date.now();
    const T = Math.ceil((insertAt + opts.lead * 1000) / 1000) * 1000;
    out.T = new Date(T).toISOString();
    out.insertMs = await insertReminders(db, ws, T, n, 'bench steady', spanMs);
    log(
      `steady: inserted ${n} reminders due ${opts.rate}/s over ${opts.duration} s from T = ${out.T} (in ${Math.round((T - Date.now()) / 1000)} s), in ${out.insertMs} ms`,
    );

    await sleepUntil(T - 4000);
    const [armed] = (
      await db.query(
        `SELECT count(*) FILTER (WHERE enqueued_for = due_at)::int AS armed, count(*)::int AS total
           FROM reminders WHERE workspace_id = $1 AND due_at >= $2 AND due_at < $3`,
        [ws.workspaceId, new Date(T), new Date(T + spanMs)],
      )
    ).rows;
    out.armedBeforeT = armed;
    out.timersBeforeT = await redis.zcard(`${opts.prefix}:reminders:delayed`);
    log(`steady: armed before T: ${armed.armed}/${armed.total}; ${out.timersBeforeT} timers waiting in Redis`);

    await sleepUntil(T - 500);
    const pids = { worker: worker.pid, sink: sink.pid };
    await eventLoopLag(opts); // resets the worker's event-loop delay histogram
    out.loadavgAtT = load();
    const pg0 = await pgCounters(db, dbName(opts));
    const cpu0 = cpuSnapshot(dbName(opts), pids);
    const stopSampler = pgActivitySampler(db, dbName(opts));

    // Every second: the worker's and PostgreSQL's CPU, the event loop, the send jobs waiting.
    const samples = [];
    let previous = cpu0;
    let nextSample = T + 1000;
    const q = `from=${T}&to=${T + spanMs}`;
    let count = 0;
    const deadline = T + spanMs + opts.runTimeout * 1000;
    while (Date.now() < deadline) {
      ({ count } = await sinkGet(opts, `/__count?${q}`));
      if (count >= n) break;
      if (worker.exited) throw new Error(`the worker exited during the steady run:\n${tail(worker)}`);
      if (Date.now() >= nextSample) {
        const now = cpuSnapshot(dbName(opts), pids);
        const cpu = cpuDelta(previous, now);
        previous = now;
        const [lag, waiting, active] = await Promise.all([
          eventLoopLag(opts),
          redis.llen(`${opts.prefix}:deliveries:wait`),
          redis.llen(`${opts.prefix}:deliveries:active`),
        ]);
        samples.push({
          second: Math.round((nextSample - T) / 1000) - 1,
          workerCpuS: cpu.workerCpuS,
          pgCpuS: cpu.pgBenchCpuS,
          machineBusyPct: cpu.machineBusyPct,
          load1: load()[0],
          eventLoopP99Ms: lag?.p99Ms ?? null,
          eventLoopMaxMs: lag?.maxMs ?? null,
          sendJobsWaiting: waiting,
          sendJobsActive: active,
          atSink: count,
        });
        nextSample += 1000;
      }
      await sleep(100);
    }
    const cpu1 = cpuSnapshot(dbName(opts), pids);
    const pgActivity = await stopSampler();
    out.loadavgAtEnd = load();
    // delivered_at is written just after the sink answered
    const settle = Date.now() + 10_000;
    while (Date.now() < settle) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM deliveries d JOIN reminder_firings f ON f.event_id = d.event_id JOIN reminders r ON r.id = f.reminder_id
          WHERE r.workspace_id = $1 AND f.due_at >= $2 AND f.due_at < $3 AND d.channel = 'webhook' AND d.status = 'delivered'`,
        [ws.workspaceId, new Date(T), new Date(T + spanMs)],
      );
      if (rows[0].n >= count) break;
      await sleep(200);
    }
    const dump = await sinkGet(opts, `/__dump?${q}`);
    const measured = await measureRun(opts, db, ws, { k: 'steady', T, spanMs, fireOnly: false, overlapped: false }, dump);
    Object.assign(out, measured, {
      timedOut: count < n,
      // Lost: a reminder without its webhook at the sink (or without its inbox entry); doubled: a
      // webhook-id received twice, or a second inbox entry for one event and person.
      lost: n - measured.counts.sinkDistinctWebhookIds,
      inboxMissing: n - measured.counts.inboxDistinctReminders,
      doubled: measured.counts.sinkDuplicates + (measured.counts.inboxEntries - measured.counts.inboxDistinctEventUser),
      cpu: cpuDelta(cpu0, cpu1),
      pgCountersApprox: counterDelta(pg0, await pgCounters(db, dbName(opts))),
      pgActivity,
      samples,
    });
    out.otherLoadCores = Math.round(((out.cpu.pgOtherCpuS + out.cpu.untrackedCpuS) / out.cpu.wallS) * 100) / 100;
    out.contaminated = out.otherLoadCores > 0.2;
    out.workerWarnings = warnings(worker);
    log(
      `steady: ${measured.counts.firings}/${n} fired, ${measured.counts.sinkDistinctWebhookIds} webhooks at the sink (${out.lost} lost, ${out.doubled} doubled); ` +
        `lateness p50 ${measured.latenessMs.p50} ms, p99 ${measured.latenessMs.p99} ms, max ${measured.latenessMs.max} ms; due→sink p99 ${measured.endToEndMs.p99} ms; ` +
        `CPU s: worker ${out.cpu.workerCpuS}, pg ${out.cpu.pgBenchCpuS}, redis ${out.cpu.redisCpuS}, sink ${out.cpu.sinkCpuS}, other ${out.cpu.untrackedCpuS} over ${out.cpu.wallS} s; load ${out.loadavgAtT.join(' ')} → ${out.loadavgAtEnd.join(' ')}`,
    );
    log(`steady: PostgreSQL backends on average: ${pgActivity.avgActive} active, ${pgActivity.avgIdleInTransaction} idle in transaction`);
    for (const a of pgActivity.top.slice(0, 10)) log(`    ${a.avgBackends.toFixed(2).padStart(5)}  ${a.what}`);
  } finally {
    await stop(worker);
  }
  if (opts.baseline) out.baseline = await bareBaseline(opts, db, redis, sink, { jobs: n, spreadMs: spanMs, leadMs: 15_000 });
  await deletePrefix(redis, opts.prefix);
}

export function printSteady(s) {
  if (!s?.latenessMs) return;
  console.log(`\nSteady: ${s.reminders.toLocaleString('en')} reminders due ${s.rate}/s for ${s.durationS} s, an inbox entry and one webhook each\n`);
  console.log(
    table(
      [
        'lateness p50',
        'p95',
        'p99',
        'max',
        'due→sink p50/p99/max',
        'fired/s',
        'firings',
        'inbox',
        'webhook ids',
        'lost',
        'doubled',
        'CPU s worker/pg/redis/sink',
        'other',
        'load at T → end',
      ],
      [
        [
          `${s.latenessMs.p50} ms`,
          `${s.latenessMs.p95} ms`,
          `${s.latenessMs.p99} ms`,
          `${s.latenessMs.max} ms`,
          `${s.endToEndMs.p50}/${s.endToEndMs.p99}/${s.endToEndMs.max} ms`,
          s.throughput.firedPerS,
          s.counts.firings,
          s.counts.inboxEntries,
          s.counts.sinkDistinctWebhookIds,
          s.lost,
          s.doubled,
          `${s.cpu.workerCpuS}/${s.cpu.pgBenchCpuS}/${s.cpu.redisCpuS}/${s.cpu.sinkCpuS} over ${s.cpu.wallS} s`,
          `${s.cpu.pgOtherCpuS}/${s.cpu.untrackedCpuS}`,
          `${s.loadavgAtT[0]} → ${s.loadavgAtEnd[0]}`,
        ],
      ],
    ),
  );
  console.log(
    '\nPer second (lateness and due→sink by due second; fired and received by wall-clock second after T; CPU, event loop and send jobs sampled each second)\n',
  );
  const sampleOf = new Map(s.samples.map((x) => [x.second, x]));
  const seconds = Math.max(s.perDueSecond.length, s.timeline.fired.length);
  const rows = [];
  for (let i = 0; i < seconds; i++) {
    const d = s.perDueSecond[i];
    const x = sampleOf.get(i);
    rows.push([
      i,
      d ? `${d.latenessMs.p50}/${d.latenessMs.p99}/${d.latenessMs.max}` : '',
      s.timeline.fired[i] ?? 0,
      s.timeline.received[i] ?? 0,
      d ? `${d.dueToSinkMs.p50}/${d.dueToSinkMs.p99}` : '',
      x ? `${x.workerCpuS}/${x.pgCpuS}` : '',
      x?.machineBusyPct ?? '',
      x?.eventLoopMaxMs ?? '',
      x ? `${x.sendJobsWaiting}/${x.sendJobsActive}` : '',
      x?.load1 ?? '',
    ]);
  }
  console.log(
    table(
      [
        's',
        'lateness p50/p99/max ms',
        'fired',
        'received',
        'due→sink p50/p99 ms',
        'CPU s worker/pg',
        'busy %',
        'loop max ms',
        'send jobs waiting/active',
        'load1',
      ],
      rows,
    ),
  );
  if (s.contaminated) console.log(`  ! others used ${s.otherLoadCores} cores of the machine during the run; treat its figures with care`);
  const b = s.baseline;
  if (b)
    console.log(
      `\nBare BullMQ stream: ${b.completed}/${b.jobs} jobs due over ${b.spreadMs / 1000} s (INSERT + POST, concurrency ${b.concurrency}); start lateness p50 ${b.startLatenessMs.p50} ms, p99 ${b.startLatenessMs.p99} ms, max ${b.startLatenessMs.max} ms; due→sink p99 ${b.endToEndMs.p99} ms; ${b.sinkDistinctIds} distinct ids at the sink`,
    );
}
