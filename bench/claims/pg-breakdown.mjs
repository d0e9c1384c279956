// Where PostgreSQL's time goes in creating a claim: the creation statement taken apart, one part
// added at a time, each variant run flat out by pgbench (8 clients, prepared statements) against
// the database a claims bench kept. No Node in the way: these are the database's costs alone.
//
//   node bench/claims/run.mjs --skip-list --rounds=1 --write-amount=300 --matching-checks=1 --keep
//   node bench/claims/pg-breakdown.mjs [--db-url=…] [--seconds=10] [--clients=8] [--batch=10]
//
// Variants (each adds to the one before, except `bare` and `candidates alone`):
//   bare              BEGIN, the claim INSERT, the history INSERT, COMMIT (the claims bench's baseline)
//   one statement     the same two INSERTs as writable CTEs, one round trip
//   + 40 match keys   the claim's row with 40 band keys (new keys: a new claim shares few)
//   + contract rows   its follower, its live event and its webhook event
//   + candidates      the matching candidates (claim_match_candidates), as json: the service's statement
//   candidates alone  the candidate function by itself
//   10 in one         ten creations in one statement, as + candidates does one (group commit in
//                     the application; measured, not built): its figure is per creation
// The candidates are those of a sample of seeded claims' keys, so that they find what a new
// claim of the same stories finds. Adds rows to the bench database; drop it after (run.mjs does
// unless --keep).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseOptions } from '../lib/options.mjs';

const opts = parseOptions(process.argv.slice(2), {
  dbUrl: 'postgres://postgres@127.0.0.1:5432/claimtrack_bench',
  seconds: 10,
  clients: 8,
  batch: 10,
});

const db = new pg.Client({ connectionString: opts.dbUrl });
await db.connect();
const [{ workspace_id: ws, n }] = (await db.query(`SELECT workspace_id, count(*)::int AS n FROM claims GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)).rows;
const [{ id: user }] = (await db.query(`SELECT id FROM users WHERE workspace_id = $1 LIMIT 1`, [ws])).rows;
await db.query(`DROP TABLE IF EXISTS bench_probe_keys`);
await db.query(
  `CREATE TABLE bench_probe_keys AS
     SELECT row_number() OVER () AS n, match_bands[1:16] AS strict, match_bands[17:40] AS loose
       FROM (SELECT match_bands FROM claims WHERE workspace_id = '${ws}' ORDER BY random() LIMIT 2000) s`, // DDL takes no parameters; ws is a uuid read above
);
await db.query(`CREATE UNIQUE INDEX ON bench_probe_keys (n); ANALYZE bench_probe_keys`);

const text = `'A minister said the fund grew by ' || :r || ' per cent in the budget year'`;
const candidates = `SELECT * FROM claim_match_candidates((SELECT strict FROM bench_probe_keys WHERE n = :n), (SELECT loose FROM bench_probe_keys WHERE n = :n), '${ws}'::uuid, gen_random_uuid())`;
const contractRows = `,
  followed AS (INSERT INTO claim_followers (claim_id, user_id) SELECT c.id, '${user}' FROM c),
  live AS (INSERT INTO outbox_events (workspace_id, type, payload, claim_id, user_id, live, dispatched_at)
           SELECT c.workspace_id, 'claim.created', jsonb_build_object('text', c.text, 'kind', c.kind, 'status', c.status), c.id, NULL, true, now() FROM c),
  hook AS (INSERT INTO outbox_events (id, workspace_id, type, payload, notice, dispatched_at)
           SELECT gen_random_uuid(), c.workspace_id, 'claim.created', jsonb_build_object('claim', jsonb_build_object('id', c.id, 'text', c.text)), NULL, NULL FROM c)`;

/** The creation as one statement: with or without keys, contract rows and candidates. */
function creation({ keys, contract, withCandidates }) {
  return `\\set r random(1, 2000000000)
\\set n random(1, 2000)
WITH k AS (SELECT array_agg((random() * 4e9 - 2e9)::int) AS keys FROM generate_series(1, 40)),
  c AS (INSERT INTO claims (workspace_id, text, kind, claimant_name, tags, priority, created_by, match_words, match_bands)
        SELECT '${ws}', ${text}, 'statement', 'A Minister', '{budget}', 'normal', '${user}', '{1,2,3}', ${keys ? 'k.keys' : `'{}'::int[]`} FROM k
        RETURNING *),
  history AS (INSERT INTO claim_events (workspace_id, claim_id, type, actor_id, data)
              SELECT c.workspace_id, c.id, 'claim.created', '${user}', jsonb_build_object('text', c.text, 'kind', c.kind, 'status', c.status) FROM c)${contract ? contractRows : ''}${withCandidates ? `,\n  candidates AS (${candidates})` : ''}
SELECT c.id${withCandidates ? `, (SELECT coalesce(json_agg(x), '[]'::json) FROM candidates x)` : ''} FROM c;
`;
}

/** `size` creations in one statement, each with its contract rows and its own candidates. */
function batch(size) {
  return `\\set r random(1, 2000000000)
\\set n random(1, ${2000 - size})
WITH k AS (SELECT g, array_agg((random() * 4e9 - 2e9)::int) AS keys FROM generate_series(1, ${size}) g, generate_series(1, 40) j GROUP BY g),
  c AS (INSERT INTO claims (workspace_id, text, kind, claimant_name, tags, priority, created_by, match_words, match_bands)
        SELECT '${ws}', ${text} || k.g, 'statement', 'A Minister', '{budget}', 'normal', '${user}', '{1,2,3}', k.keys FROM k
        RETURNING *),
  history AS (INSERT INTO claim_events (workspace_id, claim_id, type, actor_id, data)
              SELECT c.workspace_id, c.id, 'claim.created', '${user}', jsonb_build_object('text', c.text, 'kind', c.kind, 'status', c.status) FROM c)${contractRows},
  candidates AS (SELECT k.g, x.* FROM k JOIN bench_probe_keys b ON b.n = :n + k.g,
                   LATERAL claim_match_candidates(b.strict, b.loose, '${ws}'::uuid, gen_random_uuid()) x)
SELECT (SELECT json_agg(c.id) FROM c), (SELECT coalesce(json_agg(x), '[]'::json) FROM candidates x);
`;
}

const variants = [
  [
    'bare',
    `\\set r random(1, 2000000000)
BEGIN;
INSERT INTO claims (workspace_id, text, kind, claimant_name, tags, priority, created_by) VALUES ('${ws}', ${text}, 'statement', 'A Minister', '{budget}', 'normal', '${user}') RETURNING id \\gset
INSERT INTO claim_events (workspace_id, claim_id, type, actor_id, data) VALUES ('${ws}', :id, 'claim.created', '${user}', '{"kind": "statement", "status": "submitted"}');
COMMIT;
`,
  ],
  ['one statement', creation({ keys: false, contract: false, withCandidates: false })],
  ['+ 40 match keys', creation({ keys: true, contract: false, withCandidates: false })],
  ['+ contract rows', creation({ keys: true, contract: true, withCandidates: false })],
  ['+ candidates', creation({ keys: true, contract: true, withCandidates: true })],
  [`${opts.batch} in one`, batch(opts.batch), opts.batch],
  ['candidates alone', `\\set n random(1, 2000)\nSELECT coalesce(json_agg(x), '[]'::json) FROM (${candidates}) x;\n`],
];

const dir = mkdtempSync(join(os.tmpdir(), 'pg-breakdown-'));
const url = new URL(opts.dbUrl);
const cores = os.cpus().length;
const rows = [];
try {
  for (const [name, script, creations = 1] of variants) {
    const file = join(dir, `${rows.length}.sql`);
    writeFileSync(file, script);
    const out = execFileSync(
      'pgbench',
      [
        '-h',
        url.hostname,
        '-p',
        url.port || '5432',
        '-U',
        url.username || 'postgres',
        '-n',
        '-M',
        'prepared',
        '-c',
        String(opts.clients),
        '-j',
        '2',
        '-T',
        String(opts.seconds),
        '-f',
        file,
        url.pathname.slice(1),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tps = Number(/^tps = ([\d.]+)/m.exec(out)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
    if (!Number.isFinite(tps) || failed > 0) throw new Error(`${name}: pgbench said\n${out}`);
    const ms = (1000 * cores) / tps / creations;
    rows.push({ name, tps, msOfMachine: ms });
    console.log(`${name.padEnd(18)} ${tps.toFixed(0).padStart(6)} per second  ${ms.toFixed(2)} ms of the ${cores} cores a creation`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await db.query(`DROP TABLE IF EXISTS bench_probe_keys`);
  await db.end();
}
console.log(
  `\n${n} claims in the workspace at the start, ${opts.clients} clients, ${opts.seconds} s each, load average ${os.loadavg()[0].toFixed(2)} at the end`,
);
