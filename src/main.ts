import 'reflect-metadata';
import { createRootLogger } from './common/logging/logger';
import { ConfigError, loadConfig, type AppConfig } from './config/env';
import { createDatabaseIfMissing, migrateDatabase } from './database/prepare';
import { createHttpApp } from './http-app';
import { createWorker } from './worker';

/** A process given SIGTERM is gone within this time, whatever hangs. */
const SHUTDOWN_DEADLINE_MS = 14_000;

/**
 * `npm start`. Validates the environment, creates the database if needed, applies pending
 * migrations, then starts the role in APP_ROLE: `all` (API and workers, the default), `api`
 * (HTTP only) or `worker` (queue workers only).
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`claimtrack: configuration error: ${problem}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createRootLogger(config.logLevel);
  try {
    if (await createDatabaseIfMissing(config.databaseUrl)) logger.info('database created');
    await migrateDatabase(config.databaseUrl, (line) => logger.info(line));
  } catch (error) {
    process.stderr.write(`claimtrack: cannot prepare the database at DATABASE_URL: ${(error as Error).message}\n`);
    process.exit(1);
  }

  // Nest closes everything on SIGTERM; should a dependency hang (Redis gone), exit anyway.
  process.once('SIGTERM', () => setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref());

  if (config.appRole === 'worker') {
    await createWorker(config, logger);
    logger.info('worker started');
    return;
  }
  const app = await createHttpApp(config, logger);
  await app.listen({ port: config.port, host: '0.0.0.0' });
  logger.info({ port: config.port, role: config.appRole }, 'claimtrack listening');
}

main().catch((error: unknown) => {
  process.stderr.write(`claimtrack: failed to start: ${startFailure(error)}\n`);
  process.exit(1);
});

/** One line for what an operator can fix (a port taken), the stack trace for anything else. */
function startFailure(error: unknown): string {
  const { code, port } = (error ?? {}) as { code?: unknown; port?: unknown };
  if (code === 'EADDRINUSE') return `port ${String(port)} is already in use (PORT, or METRICS_PORT on a worker host)`;
  if (code === 'EACCES') return `not allowed to listen on port ${String(port)} (PORT, or METRICS_PORT on a worker host)`;
  return (error as Error)?.stack ?? String(error);
}
