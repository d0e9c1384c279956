import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/options';
import { ENTITIES } from '../src/entities';
import { adminQuery, DATABASE_PREFIX, databaseUrl } from './support/databases';

/** Tables in the public schema, other than TypeORM's own bookkeeping. */
async function userTables(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ tablename: string }> = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.tablename);
}

describe('migrations', () => {
  const name = `${DATABASE_PREFIX}_migrations_${process.pid}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${name}`);
    dataSource = new DataSource(dataSourceOptions({ databaseUrl: databaseUrl(name), entities: ENTITIES, poolSize: 2 }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('migrate up, down to empty, and up again on a fresh database', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(dataSource.migrations.length);
    expect(await userTables(dataSource)).toEqual(expect.arrayContaining(['workspaces', 'users', 'api_tokens', 'sources']));

    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await userTables(dataSource)).toEqual([]);
    const types: Array<{ typname: string }> = await dataSource.query(
      `SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`,
    );
    expect(types).toEqual([]);

    expect((await dataSource.runMigrations({ transaction: 'each' })).length).toBe(applied.length);
  });

  it('leaves no drift between the entities and the migrations (what migration:generate would find)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
