import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { Registry } from 'prom-client';
import { AppError } from '../common/http/app-error';
import { problemOf } from '../common/http/problem-details.filter';
import { RepeatedFailure } from '../common/logging/repeated-failure';
import { HealthService } from './health.service';

/**
 * A worker-only host has no API, but its health and metrics (reminder lateness, deliveries)
 * still need a scrape target: with METRICS_PORT set it serves GET /health and GET /metrics,
 * and nothing else.
 */
export async function startWorkerStatusServer(app: INestApplicationContext, port: number, host = '0.0.0.0'): Promise<Server> {
  const health = app.get(HealthService);
  const registry = app.get(Registry);
  /** A scraper polls: a lasting fault is logged once a minute, each time before its 500. */
  const failures = new RepeatedFailure(new Logger('WorkerStatusServer'), 'answering on the worker status port', { level: 'error' });
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const answer = async () => {
      if (request.method === 'GET' && path === '/health') {
        const report = await health.report();
        response.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
      } else if (request.method === 'GET' && path === '/metrics') {
        const metrics = await registry.metrics();
        response.writeHead(200, { 'content-type': registry.contentType }).end(metrics);
      } else {
        const problem = problemOf(new AppError('NOT_FOUND', 'Worker hosts serve /health and /metrics only'), randomUUID());
        response.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
      }
    };
    answer()
      .then(() => failures.succeeded())
      .catch((error: unknown) => {
        const requestId = randomUUID();
        failures.failed(error, { method: request.method, path, requestId });
        if (response.headersSent) return void response.destroy();
        const problem = problemOf(new AppError('INTERNAL', 'An unexpected error occurred; the worker logs it'), requestId);
        response.writeHead(500, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject); // a port in use: start-up fails, and says so
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
