import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { dataSourceOptions } from './options';
import { PoolWarmup } from './pool-warmup';

/** The app's connection pool. The schema is migrated before the app starts (src/main.ts). */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions({ databaseUrl: config.databaseUrl, applicationName: `claimtrack-${config.appRole}` }),
        // main.ts has just migrated, so PostgreSQL is up; a failure here should stop start-up.
        retryAttempts: 0,
      }),
    }),
  ],
  providers: [PoolWarmup],
})
export class DatabaseModule {}
