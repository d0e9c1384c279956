import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { PinoNestLogger } from './common/logging/logger';
import type { AppConfig } from './config/env';
import { CoreModule } from './core.module';
import { HealthModule } from './health/health.module';
import { startWorkerStatusServer } from './health/worker-status-server';
import { WorkerModule } from './worker.module';

@Module({})
class WorkerRootModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerRootModule, imports: [CoreModule.forRoot(config), WorkerModule, HealthModule] };
  }
}

/**
 * The worker process (`APP_ROLE=worker`): queue workers and the sweeps, no HTTP server.
 * SIGTERM closes the workers, which finish the jobs in flight, then the process exits.
 */
export async function createWorker(config: AppConfig, logger: Logger): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(config), { logger: new PinoNestLogger(logger), abortOnError: false });
  app.enableShutdownHooks();
  await app.init();
  if (config.metricsPort) {
    const server = await startWorkerStatusServer(app, config.metricsPort);
    process.once('SIGTERM', () => server.close());
  }
  return app;
}
