import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './options';

/** Serialises start-up work (migrations, bootstrap) across hosts started at the same time. */
export const STARTUP_LOCK_ID = 727_001;

/**
 * Creates the database named in `databaseUrl` when it does not exist, connecting to the
 * server's `postgres` maintenance database to do so.
 */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<boolean> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const probe = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error; // 3D000: invalid_catalog_name
  } finally {
    await probe.end().catch(() => undefined);
  }
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const admin = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '42P04') return false; // another host created it first
    throw error;
  } finally {
    await admin.end();
  }
}

/**
 * Brings the schema up to date. Hosts starting together take turns through an advisory lock,
 * so each migration runs exactly once.
 */
export async function migrateDatabase(databaseUrl: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions({ databaseUrl, poolSize: 2, applicationName: 'claimtrack-migrate' }));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`migration applied: ${migration.name}`);
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_ID]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
