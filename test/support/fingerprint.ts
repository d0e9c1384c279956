import type { Client } from 'pg';
import { sleep } from './wait';

/**
 * Every row of every table (but the idempotency records and TypeORM's bookkeeping), as one
 * comparable value: equal before and after a request means the request changed nothing.
 */
export async function fingerprint(db: Client): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('idempotency_keys', 'migrations') ORDER BY tablename`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await db.query<{ digest: string }>(
      `SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') AS digest FROM "${name}" r`,
    );
    result[name] = rows[0].digest;
  }
  return result;
}

/** After-commit work (timers, the live relay) may write just after the answer: wait until nothing moves. */
export async function settledFingerprint(db: Client): Promise<Record<string, string>> {
  const deadline = Date.now() + 5000;
  let last = await fingerprint(db);
  while (Date.now() < deadline) {
    await sleep(150);
    const now = await fingerprint(db);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error('the database kept changing for 5 s with no request in flight');
}
