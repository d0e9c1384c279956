import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '../../src/config/env';
import { waitFor } from './wait';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

/** The built service (`node dist/src/main.js`, as `npm start` runs it) in a child process. */
export class ServiceProcess {
  readonly process: ChildProcess;
  stdout = '';
  stderr = '';
  private exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(env: Record<string, string>) {
    this.process = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exit = new Promise((resolve) => this.process.on('exit', (code, signal) => resolve({ code, signal })));
  }

  waitForLog(pattern: RegExp, timeoutMs = 20_000): Promise<boolean> {
    return waitFor(() => pattern.test(this.stdout), {
      timeoutMs,
      what: `log ${pattern}; stderr: ${this.stderr.slice(-500)}; stdout: ${this.stdout.slice(-1500)}`,
    });
  }

  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exit;
  }

  /** Sends a signal and waits for the exit; resolves with how long it took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const started = Date.now();
    if (this.process.exitCode === null) this.process.kill(signal);
    const exit = await this.exit;
    return { ...exit, ms: Date.now() - started };
  }
}

/**
 * A worker (`APP_ROLE=worker`) of a test app: its database, Redis and queue prefix, plus `env`.
 * Keep it (to stop it) before waiting for `worker started`.
 */
export function workerProcess(config: Pick<AppConfig, 'databaseUrl' | 'redisUrl' | 'queuePrefix'>, env: Record<string, string> = {}): ServiceProcess {
  return new ServiceProcess({
    APP_ROLE: 'worker',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    LOG_LEVEL: 'info',
    ...env,
  });
}
