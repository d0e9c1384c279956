import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

const CONNECTIONS = 10;

/**
 * Opens pooled connections at start and loads the English text-search dictionary in each:
 * otherwise the first full-text query on every new connection pays ~17 ms (docs/architecture.md, "PostgreSQL").
 */
@Injectable()
export class PoolWarmup implements OnApplicationBootstrap {
  private readonly logger = new Logger(PoolWarmup.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(Array.from({ length: CONNECTIONS }, () => this.dataSource.query(`SELECT to_tsvector('english', 'warm'), pg_sleep(0.01)`))).catch(
      (error: unknown) => this.logger.warn({ err: error }, 'could not warm the connection pool'),
    );
  }
}
