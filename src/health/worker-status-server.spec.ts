import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { HealthService } from './health.service';
import { startWorkerStatusServer } from './worker-status-server';

/** The server's own error path: a failing health report or metrics collection. */
describe('worker status server', () => {
  const lines: Array<{ level: string; message: unknown; params: unknown[] }> = [];
  const capture =
    (level: string) =>
    (message: unknown, ...params: unknown[]) =>
      void lines.push({ level, message, params });
  const logger: LoggerService = { log: capture('log'), error: capture('error'), warn: capture('warn') };
  let server: Server;
  let base: string;

  beforeAll(async () => {
    Logger.overrideLogger(logger);
    const registry = new Registry();
    new Gauge({
      name: 'broken_gauge',
      help: 'collect() throws',
      registers: [registry],
      collect() {
        throw new Error('collector exploded');
      },
    });
    const health = { report: () => Promise.reject(new Error('health exploded')) };
    const app = { get: (token: unknown) => (token === HealthService ? health : registry) } as unknown as INestApplicationContext;
    server = await startWorkerStatusServer(app, 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    Logger.overrideLogger(false);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('logs the error before answering 500 problem details, and a lasting fault once a minute, not once a request', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(500);
    expect(health.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await health.json()) as { code: string; instance: string };
    expect(problem.code).toBe('INTERNAL');
    const errors = () => lines.filter((l) => l.level === 'error');
    expect(errors()).toHaveLength(1);
    expect(errors()[0].message).toMatchObject({ err: expect.objectContaining({ message: 'health exploded' }), path: '/health' });
    expect(problem.instance).toBe(`urn:uuid:${(errors()[0].message as { requestId: string }).requestId}`);

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(500);
    expect(((await metrics.json()) as { code: string }).code).toBe('INTERNAL');
    expect((await fetch(`${base}/health`)).status).toBe(500);
    expect(errors()).toHaveLength(1);
  });

  it('still answers 404 problem details for anything else', async () => {
    const response = await fetch(`${base}/v1/claims`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('NOT_FOUND');
  });
});
