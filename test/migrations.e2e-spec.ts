import { DataSource } from 'typeorm';
import { claimFingerprint } from '../src/claims/matching/claim-fingerprint';
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

  it('ClaimMatchWords computes the match words and keys of the claims already there', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    // Back to just before the match keys, with a claim written then, and forward again.
    const executed = async () => (await dataSource.query(`SELECT name FROM migrations`)).map((r: { name: string }) => r.name);
    while ((await executed()).includes('ClaimMatchBands1795860000000')) await dataSource.undoLastMigration({ transaction: 'each' });
    const [ws] = await dataSource.query(`INSERT INTO workspaces (name, slug) VALUES ('Backfill desk', 'backfill-desk') RETURNING id`);
    const text = 'Kenya has spent Ksh 2.1 billion on the Haiti mission';
    const [claim] = await dataSource.query(
      `INSERT INTO claims (workspace_id, text, kind, claimant_name) VALUES ($1, $2, 'statement', 'Someone') RETURNING id`,
      [ws.id, text],
    );
    await dataSource.runMigrations({ transaction: 'each' });
    // The band keys left PostgreSQL since (ClaimMatchInMemory): the words are what stays.
    const [row] = await dataSource.query(`SELECT match_words FROM claims WHERE id = $1`, [claim.id]);
    expect(row.match_words).toEqual(claimFingerprint(ws.id, text).words);
    expect(row.match_words.length).toBeGreaterThan(0);
  });

  it('EscalateAfterBounded makes an escalateAfter the sweep cannot add to a date P100Y, and leaves the others', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    const executed = async () => (await dataSource.query(`SELECT name FROM migrations`)).map((r: { name: string }) => r.name);
    while ((await executed()).includes('EscalateAfterBounded1795880000001')) await dataSource.undoLastMigration({ transaction: 'each' });
    const settings = { huge: 'P1000000Y', unreadable: 'P99999999999999999999D', day: 'P1D', century: 'P100Y' };
    const ids: Record<string, string> = {};
    for (const [label, escalateAfter] of Object.entries(settings)) {
      const [ws] = await dataSource.query(`INSERT INTO workspaces (name, slug, escalate_after) VALUES ($1, $1, $2) RETURNING id`, [
        `bounded-${label}`,
        escalateAfter,
      ]);
      ids[label] = ws.id;
    }
    await dataSource.runMigrations({ transaction: 'each' });
    const rows: Array<{ id: string; escalate_after: string }> = await dataSource.query(`SELECT id, escalate_after FROM workspaces WHERE id = ANY($1)`, [
      Object.values(ids),
    ]);
    const after = Object.fromEntries(Object.entries(ids).map(([label, id]) => [label, rows.find((r) => r.id === id)?.escalate_after]));
    expect(after).toEqual({ huge: 'P100Y', unreadable: 'P100Y', day: 'P1D', century: 'P100Y' });
  });

  it("reads a webhook's delivery log in its order from one index, without a sort (GET /v1/webhooks/:id/deliveries)", async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    // The query of WebhooksService.deliveries, a later page; on an empty table the planner must be
    // kept from the scans it would rightly prefer there.
    const plan: Array<{ 'QUERY PLAN': string }> = await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL enable_seqscan = off`);
      await manager.query(`SET LOCAL enable_bitmapscan = off`);
      return manager.query(
        `EXPLAIN (COSTS OFF) SELECT d.id, e.type AS event, d.status, d.created_at
           FROM deliveries d JOIN outbox_events e ON e.id = d.event_id
          WHERE d.workspace_id = $1 AND d.channel = 'webhook' AND d.target = $2 AND (d.created_at, d.id) < ($3::timestamptz, $4::uuid)
          ORDER BY d.created_at DESC, d.id DESC LIMIT 51`,
        ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', new Date().toISOString(), '00000000-0000-4000-8000-000000000003'],
      );
    });
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('Index Scan using deliveries_webhook_log_idx on deliveries d');
    expect(text).not.toMatch(/Sort/);
  });

  it('leaves no drift between the entities and the migrations (what migration:generate would find)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
