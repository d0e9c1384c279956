// Child processes of the benches (the service, baselines, sinks): started, awaited, always stopped.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const children = new Set();

/** Starts `node args…` with `env`; keeps the last lines of its output for error messages. */
export function startNode(name, args, env, options = {}) {
  return startProcess(name, process.execPath, args, env, options);
}

/** Starts `command args…` with `env`; keeps the last lines of its output for error messages. */
export function startProcess(name, command, args, env, { cwd, onLine } = {}) {
  const proc = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const child = { name, proc, pid: proc.pid, output: [], exited: null };
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      child.output.push(line);
      onLine?.(line);
    }
    if (child.output.length > 300) child.output.splice(0, child.output.length - 300);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  child.done = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      child.exited = { code, signal };
      children.delete(child);
      resolve(child.exited);
    });
  });
  children.add(child);
  return child;
}

export function tail(child, n = 30) {
  return child.output.slice(-n).join('\n');
}

/** Polls `url` until it answers 200; fails early if the child exits. */
export async function waitHealthy(child, url, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exited) throw new Error(`${child.name} exited (${JSON.stringify(child.exited)}) before it was healthy:\n${tail(child)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  throw new Error(`${child.name} was not healthy at ${url} within ${timeoutMs} ms:\n${tail(child)}`);
}

/** SIGTERM, then SIGKILL after `graceMs`. Only ever signals the bench's own children, by pid. */
export async function stop(child, graceMs = 10_000) {
  if (!child || child.exited) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!child.exited) child.proc.kill('SIGKILL');
  }, graceMs);
  await child.done;
  clearTimeout(timer);
}

export async function stopAll({ except = [] } = {}) {
  await Promise.all([...children].filter((c) => !except.includes(c)).map((c) => stop(c)));
}

/** Last-resort cleanup when the bench process itself is exiting abruptly. */
export function killAllSync() {
  for (const child of children) {
    try {
      child.proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
