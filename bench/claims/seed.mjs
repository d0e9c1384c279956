// Seeds N claims into one workspace with the SQL the service writes: the claim with its match
// words (computed by the service's own built code, dist/src/claims/matching/claim-fingerprint.js),
// and its claim.created history entry; the trigger fills search_vector.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { claimantAffiliation, claimantName, claimParts, claimTags, KINDS, rng, sentence } from './vocabulary.mjs';

const BATCH = 5000;
const DAY = 86_400_000;

// Rough shape of a working desk: most claims are open, a fifth published.
const STATUS_WEIGHTS = [
  ['submitted', 30],
  ['in_research', 25],
  ['monitoring', 8],
  ['in_review', 7],
  ['published', 22],
  ['rejected', 8],
];
const PRIORITY_WEIGHTS = [
  ['low', 20],
  ['normal', 55],
  ['high', 20],
  ['urgent', 5],
];
const RATINGS = {
  statement: ['true', 'mostly_true', 'half_true', 'mostly_false', 'false', 'misleading', 'unproven'],
  promise: ['kept', 'compromise', 'broken', 'in_the_works', 'stalled'],
  opinion: [],
};

function weighted(r, table) {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table[table.length - 1][0];
}

/** The service's match words and keys, matchProbe and matching index, from the build (run `npx nest build` first). */
export function loadFingerprint(root) {
  const require = createRequire(join(root, 'package.json'));
  require('reflect-metadata');
  const { matchKeys, matchWords, wordHashes, matchProbe } = require(join(root, 'dist', 'src', 'claims', 'matching', 'claim-fingerprint.js'));
  const { MatchIndex } = require(join(root, 'dist', 'src', 'claims', 'matching', 'match-index.js'));
  return { matchKeys, matchWords, wordHashes, matchProbe, MatchIndex };
}

/**
 * @param {import('pg').Client} client
 * @param {{ root: string, workspaceId: string, createdBy: string, assigneeIds: string[], count: number, seed?: number, now?: number, keepParts?: number }} o
 * @returns {Promise<object[]>} the parts of every `keepParts`-th claim (to write rewordings of them)
 */
export async function seedClaims(client, { root, workspaceId, createdBy, assigneeIds, count, seed = 20240601, now = Date.now(), keepParts = 50 }) {
  const { matchWords, wordHashes } = loadFingerprint(root);
  const kept = [];
  const r = rng(seed);
  for (let start = 0; start < count; start += BATCH) {
    const n = Math.min(BATCH, count - start);
    const cols = {
      text: [],
      kind: [],
      claimant: [],
      affiliation: [],
      quote: [],
      tags: [],
      words: [],
      priority: [],
      status: [],
      assignee: [],
      due: [],
      rating: [],
      created: [],
      updated: [],
    };
    for (let i = 0; i < n; i++) {
      const kind = KINDS[r.int(10) < 6 ? 0 : r.int(10) < 7 ? 1 : 2];
      const status = kind === 'opinion' && r.int(2) === 0 ? 'rejected' : weighted(r, STATUS_WEIGHTS);
      const parts = claimParts(r, kind);
      const text = sentence(parts);
      if ((start + i) % keepParts === 0) kept.push(parts);
      const created = now - r.int(365 * DAY);
      const updated = Math.min(now, created + r.int(30 * DAY));
      // ~30% unassigned; the rest spread over the desk's checkers.
      const assignee = r.int(10) < 3 ? null : assigneeIds[r.int(assigneeIds.length)];
      // ~60% carry a deadline, from 90 days ago to 60 days ahead.
      const due = r.int(10) < 6 ? new Date(now - 90 * DAY + r.int(150 * DAY)).toISOString() : null;
      const rated = (status === 'published' || status === 'in_review') && RATINGS[kind].length > 0;
      cols.text.push(text);
      cols.kind.push(kind);
      // Only the words are stored: the keys are each API host's, computed when it indexes the claim.
      cols.words.push(`{${wordHashes(matchWords(text)).join(',')}}`);
      cols.claimant.push(claimantName(r));
      cols.affiliation.push(claimantAffiliation(r));
      cols.quote.push(r.int(5) === 0 ? `"${text.split(' said ')[1] ?? text}"` : null);
      cols.tags.push(`{${claimTags(r).join(',')}}`);
      cols.priority.push(weighted(r, PRIORITY_WEIGHTS));
      cols.status.push(status);
      cols.assignee.push(assignee);
      cols.due.push(due);
      cols.rating.push(rated ? RATINGS[kind][r.int(RATINGS[kind].length)] : null);
      cols.created.push(new Date(created).toISOString());
      cols.updated.push(new Date(updated).toISOString());
    }
    // One statement per batch: the claims, then their claim.created entries (as HistoryService writes them).
    await client.query(
      `WITH s AS (
         SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::uuid[], $12::timestamptz[],
                              $13::text[], $14::timestamptz[], $15::timestamptz[], $16::text[])
                AS s(text, kind, claimant, affiliation, quote, tags, priority, status, assignee, due, rating, created, updated, words)),
       c AS (
         INSERT INTO claims (workspace_id, text, kind, claimant_name, claimant_affiliation, quote, tags, priority, status, assignee_id, due_at,
                             verdict_rating, verdict_summary, verdict_proposed_by, verdict_proposed_at, published_at, created_by, created_at, updated_at, version, match_words)
         SELECT $1, s.text, s.kind::claim_kind, s.claimant, s.affiliation, s.quote, s.tags::text[], s.priority::claim_priority, s.status::claim_status,
                s.assignee, s.due, s.rating,
                CASE WHEN s.rating IS NULL THEN NULL ELSE 'Official figures do not support the number quoted.' END,
                CASE WHEN s.rating IS NULL THEN NULL ELSE s.assignee END,
                CASE WHEN s.rating IS NULL THEN NULL ELSE s.updated END,
                CASE WHEN s.status = 'published' AND s.rating IS NOT NULL THEN s.updated END,
                $2, s.created, s.updated, 1 + (length(s.text) % 4), s.words::int[]
           FROM s
         RETURNING id, workspace_id, text, kind, status, created_at)
       INSERT INTO claim_events (workspace_id, claim_id, type, actor_id, data, at)
       SELECT c.workspace_id, c.id, 'claim.created', $2, jsonb_build_object('text', c.text, 'kind', c.kind, 'status', 'submitted'), c.created_at FROM c`,
      [
        workspaceId,
        createdBy,
        cols.text,
        cols.kind,
        cols.claimant,
        cols.affiliation,
        cols.quote,
        cols.tags,
        cols.priority,
        cols.status,
        cols.assignee,
        cols.due,
        cols.rating,
        cols.created,
        cols.updated,
        cols.words,
      ],
    );
  }
  return kept;
}
