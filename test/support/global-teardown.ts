import { Client } from 'pg';
import { DATABASE_PREFIX, databaseUrl, TEMPLATE_DATABASE } from './databases';

/** Drops the per-file databases a crashed test file may have left behind. */
export default async function globalTeardown(): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2`, [
      `${DATABASE_PREFIX}_`,
      TEMPLATE_DATABASE,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
