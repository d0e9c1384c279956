import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { Registry } from 'prom-client';
import { AppError, problemOf } from '../common/http/app-error';
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
      const served = path === '/health' || path === '/metrics';
      if (!served) {
        sendProblem(response, new AppError('NOT_FOUND', 'Worker hosts serve /health and /metrics only'));
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendProblem(response, AppError.methodNotAllowed(request.method ?? '', ['GET', 'HEAD']));
        return;
      }
      // HEAD answers as GET does: Node's response sends no body for a HEAD request.
      if (path === '/health') {
        const report = await health.report();
        response.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
      } else {
        const metrics = await registry.metrics();
        response.writeHead(200, { 'content-type': registry.contentType }).end(metrics);
      }
    };
    answer()
      .then(() => failures.succeeded())
      .catch((error: unknown) => {
        const requestId = randomUUID();
        failures.failed(error, { method: request.method, path, requestId });
        if (response.headersSent) return void response.destroy();
        sendProblem(response, new AppError('INTERNAL', 'An unexpected error occurred; the worker logs it'), requestId);
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

function sendProblem(response: ServerResponse, error: AppError, requestId = randomUUID()): void {
  response.writeHead(error.status, { ...error.headers, 'content-type': 'application/problem+json' }).end(JSON.stringify(problemOf(error, requestId)));
}
