import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { Registry } from 'prom-client';
import { AppError } from '../common/http/app-error';
import { problemOf } from '../common/http/problem-details.filter';
import { HealthService } from './health.service';

/**
 * A worker-only host has no API, but its health and metrics (reminder lateness, deliveries)
 * still need a scrape target: with METRICS_PORT set it serves GET /health and GET /metrics,
 * and nothing else.
 */
export async function startWorkerStatusServer(app: INestApplicationContext, port: number): Promise<Server> {
  const health = app.get(HealthService);
  const registry = app.get(Registry);
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const answer = async () => {
      if (request.method === 'GET' && path === '/health') {
        const report = await health.report();
        response.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
      } else if (request.method === 'GET' && path === '/metrics') {
        response.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
      } else {
        const problem = problemOf(new AppError('NOT_FOUND', 'Worker hosts serve /health and /metrics only'), randomUUID());
        response.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
      }
    };
    answer().catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', resolve));
  return server;
}
