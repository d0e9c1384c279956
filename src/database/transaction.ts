import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * A unit of work: the entity manager of one database transaction, plus work to do once it
 * has committed (enqueueing a job must never announce a row that was rolled back).
 */
export class Tx {
  private readonly afterCommitWork: Array<() => unknown> = [];

  constructor(readonly manager: EntityManager) {}

  /** Runs after COMMIT; a failure is logged, not thrown (a periodic sweep is the backstop). */
  afterCommit(work: () => unknown): void {
    this.afterCommitWork.push(work);
  }

  /** Runs a statement and returns its rows (for UPDATE/DELETE … RETURNING too). */
  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(sql, params, true);
    return result.records as T[];
  }

  /** Runs a statement and returns how many rows it changed. */
  async affected(sql: string, params: unknown[] = []): Promise<number> {
    const result = await this.runner.query(sql, params, true);
    return result.affected ?? 0;
  }

  private get runner(): QueryRunner {
    if (!this.manager.queryRunner) throw new Error('Tx used outside its transaction');
    return this.manager.queryRunner;
  }

  /** @internal */
  async runAfterCommit(logger: Logger): Promise<void> {
    for (const work of this.afterCommitWork) {
      try {
        await work();
      } catch (error) {
        logger.warn({ err: error }, 'after-commit work failed; the sweep will catch up');
      }
    }
  }
}

const logger = new Logger('Tx');

export async function inTransaction<T>(dataSource: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  let tx!: Tx;
  const result = await dataSource.transaction(async (manager) => {
    tx = new Tx(manager);
    return work(tx);
  });
  await tx.runAfterCommit(logger);
  return result;
}
