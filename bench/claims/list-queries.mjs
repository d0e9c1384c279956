// The filtered lists the bench measures, the exact SQL the service runs for each (taken from the
// built ClaimSearch, so it can never drift from src/), and their EXPLAIN (ANALYZE, BUFFERS).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { median, round } from './measure.mjs';

const DAY = 86_400_000;

/**
 * The lists, as API query strings. Terms are chosen from the seed's vocabulary: a topic word
 * matches ~1–3% of the claims, a tag ~5%, a claimant surname ~3%.
 */
export function listQueries({ seededAt }) {
  const dueBefore = new Date(seededAt - 80 * DAY).toISOString(); // ~4% of the claims are due before it
  return [
    { name: 'q+status', query: { q: 'pension', status: 'in_research' }, target: true, compare: true },
    // The issue's shape (GET /v1/claims?kind=statement&q=reimburse&limit=50) on this vocabulary.
    { name: 'kind+q', query: { kind: 'statement', q: 'pension' }, target: true, compare: true },
    { name: 'q', query: { q: 'pension' } },
    { name: 'q (two words)', query: { q: 'malaria cases' } },
    { name: 'q+status, -priority', query: { q: 'malaria', status: 'submitted', sort: '-priority' } },
    { name: 'status', query: { status: 'in_research' }, compare: true },
    { name: 'assignee=me', query: { assignee: 'me' } },
    { name: 'tag', query: { tag: 'health' } },
    { name: 'claimant', query: { claimant: 'wanjiku' } },
    { name: 'dueBefore', query: { dueBefore } },
    { name: 'sort=-priority', query: { sort: '-priority' } },
    { name: 'sort=dueAt', query: { sort: 'dueAt' } },
    { name: 'default (-updatedAt)', query: {}, compare: true },
    // EXPLAIN only (no load): the other filters and some rarer combinations.
    { name: 'kind', query: { kind: 'promise' }, explainOnly: true },
    { name: 'status+assignee=me', query: { status: 'in_research', assignee: 'me' }, explainOnly: true },
    { name: 'tag+status', query: { tag: 'health', status: 'published' }, explainOnly: true },
    { name: 'claimant (full name)', query: { claimant: 'amina ochieng' }, explainOnly: true },
    { name: 'q (rare: two terms)', query: { q: 'bursary Turkana' }, explainOnly: true },
    { name: 'q+status, dueAt', query: { q: 'pension', status: 'in_research', sort: 'dueAt' }, explainOnly: true },
    { name: 'status, -priority', query: { status: 'in_research', sort: '-priority' }, explainOnly: true },
  ];
}

export function listPath(query, limit = 50) {
  return `/v1/claims?${new URLSearchParams({ ...query, limit: String(limit) }).toString()}`;
}

let ClaimSearch;

/**
 * Loads the built ClaimSearch. Done once at start: another `nest build` running meanwhile
 * empties dist/ for a few seconds.
 */
export function loadClaimSearch(root) {
  const require = createRequire(join(root, 'package.json'));
  require('reflect-metadata');
  ({ ClaimSearch } = require(join(root, 'dist', 'src', 'claims', 'claim-search.js')));
}

/** The statement and parameters ClaimSearch.list sends to PostgreSQL for `query`. */
export async function serviceListSql(root, actor, query, limit = 50) {
  if (!ClaimSearch) loadClaimSearch(root);
  let captured = null;
  const recorder = {
    query: async (sql, params) => {
      captured = { sql, params };
      return [];
    },
  };
  await new ClaimSearch(recorder).list(actor, { sort: '-updatedAt', limit, ...query });
  if (!captured) throw new Error('ClaimSearch.list ran no query through dataSource.query: update bench/claims/list-queries.mjs');
  return captured;
}

/** How many claims match the filter (the list's WHERE without ORDER BY / LIMIT). */
export async function countMatching(db, { sql, params }) {
  const from = sql.indexOf(' FROM claims c');
  const orderBy = sql.lastIndexOf(' ORDER BY ');
  const limitParam = /LIMIT \$(\d+)$/.exec(sql);
  if (from < 0 || orderBy < 0 || !limitParam || Number(limitParam[1]) !== params.length) return null;
  // The WHERE binds the first parameters; the select list's (following) and LIMIT's come after.
  const where = sql.slice(from, orderBy);
  const used = Math.max(0, ...[...where.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  const { rows } = await db.query(`SELECT count(*)::int AS n${where}`, params.slice(0, used));
  return rows[0].n;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the service's statement, with its parameters bound as the
 * service binds them (untyped, so PostgreSQL infers the same types and plans for these values).
 * Runs `runs` times after one warm-up; reports the median execution time and the last plan.
 */
export async function explain(db, { sql, params }, runs = 3) {
  await db.query(sql, params); // warm the cache and this connection's text-search dictionary
  const times = [];
  let plan;
  for (let i = 0; i < runs; i++) {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
    plan = rows[0]['QUERY PLAN'][0];
    times.push(plan['Execution Time']);
  }
  const { rows: textRows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const nodes = [];
  walk(plan.Plan, 0, nodes);
  const scans = nodes.filter((n) => /Scan/.test(n.type));
  return {
    executionMs: round(median(times), 3),
    planningMs: round(plan['Planning Time'], 3),
    top: describe(plan.Plan),
    scans: scans.map((n) => `${n.type}${n.index ? ` using ${n.index}` : ''}${n.relation ? ` on ${n.relation}` : ''}`),
    seqScanOnClaims: scans.some((n) => n.type === 'Seq Scan' && n.relation === 'claims'),
    bitmapAnd: nodes.some((n) => n.type === 'BitmapAnd'),
    text: textRows.map((r) => r['QUERY PLAN']).join('\n'),
  };
}

function walk(node, depth, out) {
  out.push({ type: node['Node Type'], relation: node['Relation Name'], index: node['Index Name'], depth });
  for (const child of node.Plans ?? []) walk(child, depth + 1, out);
}

/** The first node below Limit/Nested Loop/Sort that touches claims: what decides the cost. */
function describe(plan) {
  const chain = [];
  let node = plan;
  while (node) {
    chain.push(node['Node Type'] + (node['Index Name'] ? ` (${node['Index Name']})` : ''));
    if (node['Relation Name'] === 'claims' || !node.Plans) break;
    // Follow the outer side (claims) of a join, or the only child.
    node = node.Plans[0];
  }
  return chain.join(' → ');
}
