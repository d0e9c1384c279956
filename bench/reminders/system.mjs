// Where the CPU goes during a burst: CPU seconds of the bench's processes (worker, sink), of
// the PostgreSQL backends of the bench database, of the rest of PostgreSQL, of redis-server,
// and of the whole machine (/proc/stat), between two snapshots. Linux only; read-only.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const TICK_S = 0.01; // CLK_TCK is 100 on Linux x86-64

function procTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14, 15)
  } catch {
    return null;
  }
}

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** One snapshot: ticks per tracked process, grouped. `pids` names single processes ({ worker: 123 }). */
export function cpuSnapshot(dbName, pids = {}) {
  const at = performance.timeOrigin + performance.now();
  const [, ...cpu] = read('/proc/stat').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = cpu[3] + (cpu[4] ?? 0);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const groups = { pgBench: new Map(), pgOther: new Map(), redis: new Map() };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = read(`/proc/${entry}/comm`).trim();
    if (comm !== 'postgres' && comm !== 'redis-server') continue;
    const ticks = procTicks(entry);
    if (ticks === null) continue;
    if (comm === 'redis-server') groups.redis.set(entry, ticks);
    else if (read(`/proc/${entry}/cmdline`).replaceAll('\0', ' ').includes(` ${dbName} `)) groups.pgBench.set(entry, ticks);
    else groups.pgOther.set(entry, ticks);
  }
  const single = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, new Map([[String(pid), procTicks(pid) ?? 0]])]));
  return { at, idle, total, groups: { ...groups, ...single }, self: process.cpuUsage() };
}

/** CPU seconds per group between two snapshots (processes born in between count from zero). */
export function cpuDelta(a, b) {
  const wallS = (b.at - a.at) / 1000;
  const out = { wallS: round(wallS, 2) };
  let tracked = 0;
  for (const [name, map] of Object.entries(b.groups)) {
    let ticks = 0;
    for (const [pid, t] of map) ticks += t - (a.groups[name]?.get(pid) ?? 0);
    out[`${name}CpuS`] = round(ticks * TICK_S, 2);
    tracked += ticks * TICK_S;
  }
  const busyS = ((b.total - b.idle - (a.total - a.idle)) * TICK_S) / 1; // summed over cores
  out.machineBusyS = round(busyS, 2);
  out.machineBusyPct = round((100 * busyS) / (wallS * os.cpus().length), 1);
  out.benchRunnerCpuS = round((b.self.user + b.self.system - a.self.user - a.self.system) / 1e6, 2);
  out.untrackedCpuS = round(busyS - tracked - out.benchRunnerCpuS, 2); // other engineers, kernel threads, …
  return out;
}

/** Busy share of the machine over `ms`. */
export async function machineBusyPct(ms = 2000) {
  const a = cpuSnapshot('\0none\0');
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuSnapshot('\0none\0');
  return cpuDelta(a, b).machineBusyPct;
}

function round(x, d) {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
