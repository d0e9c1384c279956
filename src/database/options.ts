import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

export interface DatabaseOptions {
  databaseUrl: string;
  /** The mapped classes, assembled from the domain modules (src/entities.ts); none to migrate. */
  entities?: DataSourceOptions['entities'];
  /** Pool size; the API and the worker each keep their own pool. */
  poolSize?: number;
  applicationName?: string;
  /**
   * A query with no answer within this time fails (and the request that needed it answers 503):
   * a PostgreSQL that has stalled, or a network that drops its packets, keeps connections open
   * and would otherwise hold requests for as long as it lasts. None for migrations.
   */
  queryTimeoutMs?: number;
}

/** The one description of the database, shared by the app, the tests and the TypeORM CLI. */
export function dataSourceOptions({
  databaseUrl,
  entities = [],
  poolSize = 20,
  applicationName = 'claimtrack',
  queryTimeoutMs,
}: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: {
      max: poolSize,
      // A stopped PostgreSQL must give a quick 503, not a hanging request.
      connectionTimeoutMillis: 2000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: applicationName,
      ...(queryTimeoutMs ? { query_timeout: queryTimeoutMs } : {}),
    },
  };
}
