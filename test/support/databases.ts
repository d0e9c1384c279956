import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The test server; override with TEST_PG_URL (no database name, or any). */
export const PG_SERVER = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * Every database a test run makes starts with this prefix (TEST_DB_PREFIX, lower case letters,
 * digits and _), so that two runs on one server (two checkouts) never drop each other's.
 */
export const DATABASE_PREFIX = testDatabasePrefix(process.env.TEST_DB_PREFIX ?? 'claimtrack_test');
export const TEMPLATE_DATABASE = `${DATABASE_PREFIX}_template`;

function testDatabasePrefix(prefix: string): string {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`TEST_DB_PREFIX must be lower case letters, digits and _, got ${JSON.stringify(prefix)}`);
  return prefix;
}

export function databaseUrl(name: string): string {
  const url = new URL(PG_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, copied from the migrated template (docs/architecture.md,
 * "Tests"): isolated and fast.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${DATABASE_PREFIX}_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  return {
    name,
    url: databaseUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
