import { Global, Module } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry. Modules add their own metrics to it (queue depths,
 * deliveries, reminder lateness); `GET /metrics` renders it.
 */
@Global()
@Module({
  providers: [
    {
      provide: Registry,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry, prefix: 'claimtrack_' });
        return registry;
      },
    },
  ],
  exports: [Registry],
})
export class MetricsModule {}

/** Request durations by method, route pattern and status, measured by Fastify itself. */
export function instrumentHttp(fastify: FastifyInstance, registry: Registry): void {
  const histogram = new Histogram({
    name: 'claimtrack_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    histogram.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}
