// Where PostgreSQL's time goes in creating a claim: the creation statement taken apart, one part
// added at a time, each variant run flat out by pgbench (8 clients, prepared statements) against
// the database a claims bench kept. No Node in the way: these are the database's costs alone.
//
//   node bench/claims/run.mjs --skip-list --rounds=1 --write-amount=300 --matching-checks=1 --keep
//   node bench/claims/pg-breakdown.mjs [--db-url=…] [--seconds=10] [--clients=8]
//
// Variants (each adds to the one before, except `bare`):
//   bare              BEGIN, the claim INSERT, the history INSERT, COMMIT (the claims bench's baseline)
//   one statement     the same two INSERTs as writable CTEs, one round trip
//   + match words     the claim's row with the hashes of its words (matching itself runs in the
//                     API host's memory: src/claims/similar-claims.ts)
//   + contract rows   its follower, its live event and its webhook event: the service's statement
//   matched rows      the rows of five matched claims, which the service's creation statement
//                     reads too (as json, beside its writes); here on their own
//   changes since     what a host reads every SYNC_AFTER_MS to learn what others wrote: here the
//                     claims of the last 200 transactions (200 ms of creations at 1,000 a second)
// Adds rows to the bench database; drop it after (run.mjs does unless --keep).
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
});

const db = new pg.Client({ connectionString: opts.dbUrl });
await db.connect();
const [{ workspace_id: ws, n }] = (await db.query(`SELECT workspace_id, count(*)::int AS n FROM claims GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)).rows;
const [{ id: user }] = (await db.query(`SELECT id FROM users WHERE workspace_id = $1 LIMIT 1`, [ws])).rows;
const text = `'A minister said the fund grew by ' || :r || ' per cent in the budget year'`;
const contractRows = `,
  followed AS (INSERT INTO claim_followers (claim_id, user_id) SELECT c.id, '${user}' FROM c),
  live AS (INSERT INTO outbox_events (workspace_id, type, payload, claim_id, user_id, live, dispatched_at)
           SELECT c.workspace_id, 'claim.created', jsonb_build_object('text', c.text, 'kind', c.kind, 'status', c.status), c.id, NULL, true, now() FROM c),
  hook AS (INSERT INTO outbox_events (id, workspace_id, type, payload, notice, dispatched_at)
           SELECT gen_random_uuid(), c.workspace_id, 'claim.created', jsonb_build_object('claim', jsonb_build_object('id', c.id, 'text', c.text)), NULL, NULL FROM c)`;

/** The creation as one statement: with or without match words and contract rows. */
function creation({ words, contract }) {
  return `\\set r random(1, 2000000000)
WITH c AS (INSERT INTO claims (workspace_id, text, kind, claimant_name, tags, priority, created_by, match_words)
        VALUES ('${ws}', ${text}, 'statement', 'A Minister', '{budget}', 'normal', '${user}',
                ${words ? `ARRAY(SELECT (random() * 4e9 - 2e9)::int FROM generate_series(1, 20) ORDER BY 1)` : `'{}'::int[]`})
        RETURNING *, match_seq::text AS seq),
  history AS (INSERT INTO claim_events (workspace_id, claim_id, type, actor_id, data)
              SELECT c.workspace_id, c.id, 'claim.created', '${user}', jsonb_build_object('text', c.text, 'kind', c.kind, 'status', c.status) FROM c)${contract ? contractRows : ''}
SELECT c.id, c.seq FROM c;
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
  ['one statement', creation({ words: false, contract: false })],
  ['+ match words', creation({ words: true, contract: false })],
  ['+ contract rows', creation({ words: true, contract: true })],
  [
    'matched rows',
    `SELECT id, text, status, verdict_rating, verdict_summary, verdict_proposed_by, verdict_proposed_at
       FROM claims WHERE id = ANY(ARRAY(SELECT id FROM claims WHERE workspace_id = '${ws}' LIMIT 5)) AND workspace_id = '${ws}';
`,
  ],
  [
    'changes since',
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text, c.id, c.match_seq, to_json(c.match_words) FROM claims c
      WHERE c.workspace_id = '${ws}' AND (c.match_seq, c.id) > ((SELECT max(match_seq) - 200 FROM claims WHERE workspace_id = '${ws}'), '00000000-0000-0000-0000-000000000000'::uuid)
      ORDER BY c.match_seq, c.id LIMIT 10000;
`,
  ],
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
  await db.end();
}
console.log(
  `\n${n} claims in the workspace at the start, ${opts.clients} clients, ${opts.seconds} s each, load average ${os.loadavg()[0].toFixed(2)} at the end`,
);
