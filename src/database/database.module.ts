import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from './options';
import { PoolWarmup } from './pool-warmup';

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
            ...dataSourceOptions({ databaseUrl: config.databaseUrl, entities, applicationName: `claimtrack-${config.appRole}` }),
            // main.ts has just migrated, so PostgreSQL is up; a failure here should stop start-up.
            retryAttempts: 0,
          }),
        }),
      ],
      providers: [PoolWarmup],
    };
  }
}
