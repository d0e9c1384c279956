import { Client } from 'pg';
import { databaseUrl } from './databases';

/** Drops the per-file databases a crashed test file may have left behind. */
export default async function globalTeardown(): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'claimtrack\\_test\\_%' AND datname <> 'claimtrack_test_template'`);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
