import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from './options';
import { PoolWarmup } from './pool-warmup';

/**
 * How long a query may go unanswered before it fails: a request that needs a stalled PostgreSQL
 * answers 503 within 3 s (docs/api.md, "Never 500, never a hang"). Every query of the service is
 * far shorter; migrations run on a connection of their own, without this limit.
 */
const QUERY_TIMEOUT_MS = 2_500;

/**
 * The app's connection pool, mapping the entities the domain modules declare (src/entities.ts).
 * The schema is migrated before the app starts (src/main.ts).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: DataSourceOptions['entities']): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions({
              databaseUrl: config.databaseUrl,
              entities,
              applicationName: `claimtrack-${config.appRole}`,
              queryTimeoutMs: QUERY_TIMEOUT_MS,
            }),
            // main.ts has just migrated, so PostgreSQL is up; a failure here should stop start-up.
            retryAttempts: 0,
          }),
        }),
      ],
      providers: [PoolWarmup],
    };
  }
}
