import { Module, type DynamicModule } from '@nestjs/common';
import { CommonModule } from './common/common.module';
import { MetricsModule } from './common/metrics/metrics';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/env';
import { DatabaseModule } from './database/database.module';
import { QueuesModule } from './queues/queues.module';
import { ENTITIES } from './entities';

/** What every process needs, API or worker: configuration, PostgreSQL, Redis and queues, metrics. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(ENTITIES), QueuesModule, MetricsModule, CommonModule],
    };
  }
}
