// The baselines for the claims bench: bare Fastify + `pg`, no framework (no Nest, no TypeORM, no
// validation library, no metrics). Started by run.mjs as a child process:
//   PORT=… DATABASE_URL=… node bench/claims/bare-server.mjs
//
// POST /v1/claims is the least work creating a claim must do, not a copy of the service: one
// transaction with the claim's INSERT and its history entry's INSERT, and the row back as JSON.
// It authenticates from memory (a token is looked up once, then trusted for the life of the
// process), writes no outbox row, runs no matching. Everything the service does beyond this is
// cost it has to justify.
// GET /v1/claims runs the service's own list SQL (token lookup, then the SELECT ClaimSearch builds).
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const port = Number(process.env.PORT ?? 3812);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20, // the service's pool size (src/database/options.ts)
  connectionTimeoutMillis: 2000,
  idleTimeoutMillis: 30_000,
  keepAlive: true,
  application_name: 'claimtrack-bench-bare',
});

const CLAIM_RETURNING = `id, workspace_id, text, kind, claimant_name, claimant_affiliation, quote, source_id,
  claimed_at, tags, priority, status, assignee_id, due_at, follow_up_at,
  verdict_rating, verdict_summary, verdict_proposed_by, verdict_proposed_at, published_at, review_url,
  evidence_count, version, created_at, updated_at`;

const SQL = {
  actorForToken: `SELECT u.id AS user_id, u.workspace_id, w.name AS workspace_name, u.role, u.name, u.email, u.is_instance_admin, u.timezone, u.digest
         FROM api_tokens t
         JOIN users u ON u.id = t.user_id
         JOIN workspaces w ON w.id = u.workspace_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active`,
  insertClaim: `INSERT INTO claims (workspace_id, text, kind, claimant_name, claimant_affiliation, quote, source_id, claimed_at, tags, priority, assignee_id, due_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         RETURNING ${CLAIM_RETURNING}`,
  insertHistory: `INSERT INTO claim_events (workspace_id, claim_id, type, actor_id, data) VALUES ($1, $2, 'claim.created', $3, $4)`,
};

async function createClaim(actor, dto) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(SQL.insertClaim, [
      actor.workspaceId,
      dto.text,
      dto.kind,
      dto.claimant.name,
      dto.claimant.affiliation ?? null,
      dto.quote ?? null,
      null,
      dto.claimedAt ? new Date(dto.claimedAt) : null,
      [...new Set((dto.tags ?? []).map((t) => t.trim()))],
      dto.priority ?? 'normal',
      null,
      dto.dueAt ? new Date(dto.dueAt) : null,
      actor.userId,
    ]);
    const claim = rows[0];
    await client.query(SQL.insertHistory, [
      actor.workspaceId,
      claim.id,
      actor.userId,
      JSON.stringify({ text: claim.text, kind: claim.kind, status: claim.status }),
    ]);
    await client.query('COMMIT');
    return claim;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The claim as the API shows it (src/claims/claim.view.ts). */
function claimView(c) {
  const iso = (d) => (d ? d.toISOString() : null);
  return {
    id: c.id,
    text: c.text,
    kind: c.kind,
    claimant: { name: c.claimant_name, affiliation: c.claimant_affiliation },
    quote: c.quote,
    sourceId: c.source_id,
    claimedAt: iso(c.claimed_at),
    tags: c.tags,
    priority: c.priority,
    status: c.status,
    assignee: c.assignee_id ? { id: c.assignee_id, name: '' } : null,
    dueAt: iso(c.due_at),
    followUpAt: iso(c.follow_up_at),
    verdict: null, // a new claim has none
    publishedAt: iso(c.published_at),
    reviewUrl: c.review_url,
    version: c.version,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  };
}

// GET /v1/claims — src/claims/claim-search.ts (ClaimSearch.list), first page only (no cursor).
const CLAIM_COLUMNS = `c.id, c.workspace_id, c.text, c.kind, c.claimant_name, c.claimant_affiliation, c.quote, c.source_id,
  c.claimed_at, c.tags, c.priority, c.status, c.assignee_id, a.name AS assignee_name, c.due_at, c.follow_up_at,
  c.verdict_rating, c.verdict_summary, c.verdict_proposed_by, c.verdict_proposed_at, c.published_at, c.review_url,
  c.evidence_count, c.version, c.created_at, c.updated_at`;
const CLAIM_FROM = `claims c LEFT JOIN users a ON a.id = c.assignee_id`;
const ORDER_BY = {
  '-updatedAt': 'c.updated_at DESC, c.id DESC',
  updatedAt: 'c.updated_at ASC, c.id ASC',
  dueAt: 'c.due_at ASC NULLS LAST, c.id ASC',
  '-priority': 'c.priority DESC, c.updated_at DESC, c.id DESC',
};

async function listClaims(actor, query) {
  const params = [];
  const p = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`c.workspace_id = ${p(actor.workspaceId)}`];
  if (query.status) where.push(`c.status = ${p(query.status)}`);
  if (query.kind) where.push(`c.kind = ${p(query.kind)}`);
  if (query.assignee) where.push(`c.assignee_id = ${p(query.assignee === 'me' ? actor.userId : query.assignee.toLowerCase())}`);
  if (query.tag) where.push(`c.tags @> ARRAY[${p(query.tag)}]::text[]`);
  if (query.claimant) where.push(`c.claimant_name ILIKE ${p(`%${query.claimant.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  if (query.q) where.push(`c.search_vector @@ websearch_to_tsquery('english', ${p(query.q)})`);
  if (query.dueBefore) where.push(`c.due_at < ${p(query.dueBefore)}::timestamptz`);
  const limit = Number(query.limit ?? 50);
  const sql = `SELECT ${CLAIM_COLUMNS}, EXISTS (SELECT 1 FROM claim_followers f WHERE f.claim_id = c.id AND f.user_id = ${p(actor.userId)}) AS following FROM ${CLAIM_FROM} WHERE ${where.join(' AND ')} ORDER BY ${ORDER_BY[query.sort ?? '-updatedAt']} LIMIT ${p(limit + 1)}`;
  const { rows } = await pool.query(sql, params);
  return { items: rows.slice(0, limit), nextCursor: null };
}
// ============================================================================================

const KINDS = new Set(['statement', 'promise', 'opinion']);
const PRIORITIES = new Set(['low', 'normal', 'high', 'urgent']);

/** Just enough validation that a malformed body is a 400, as in the service. */
function invalid(body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  if (typeof body.text !== 'string' || body.text.trim().length < 1 || body.text.length > 5000) return 'text';
  if (!KINDS.has(body.kind)) return 'kind';
  if (!body.claimant || typeof body.claimant.name !== 'string' || body.claimant.name.trim().length < 1) return 'claimant.name';
  if (body.tags !== undefined && (!Array.isArray(body.tags) || body.tags.some((t) => typeof t !== 'string' || t.length < 1 || t.length > 100))) return 'tags';
  if (body.priority !== undefined && !PRIORITIES.has(body.priority)) return 'priority';
  if (body.assigneeId !== undefined || body.sourceId !== undefined) return 'assigneeId/sourceId are not supported by the bare handler';
  return null;
}

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

app.get('/health', async () => ({ status: 'ok' }));

/** Token hash → actor, for POST: each token is looked up once (the least a request must pay). */
const knownTokens = new Map();

async function authenticate(request, reply, { remember = false } = {}) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) {
    reply.code(401).send({ code: 'UNAUTHENTICATED' });
    return null;
  }
  const hash = createHash('sha256').update(match[1], 'utf8').digest();
  if (remember && knownTokens.has(hash.toString('hex'))) return knownTokens.get(hash.toString('hex'));
  const { rows } = await pool.query(SQL.actorForToken, [hash]);
  if (!rows[0]) {
    reply.code(401).send({ code: 'UNAUTHENTICATED' });
    return null;
  }
  const actor = { userId: rows[0].user_id, workspaceId: rows[0].workspace_id };
  if (remember) knownTokens.set(hash.toString('hex'), actor);
  return actor;
}

app.get('/v1/claims', async (request, reply) => {
  const actor = await authenticate(request, reply);
  if (!actor) return reply;
  const q = request.query;
  if (q.sort !== undefined && !(q.sort in ORDER_BY)) return reply.code(400).send({ code: 'VALIDATION_FAILED', field: 'sort' });
  if (q.cursor !== undefined) return reply.code(400).send({ code: 'VALIDATION_FAILED', field: 'cursor (not supported by the bare handler)' });
  return listClaims(actor, q);
});

app.post('/v1/claims', async (request, reply) => {
  const actor = await authenticate(request, reply, { remember: true });
  if (!actor) return reply;
  const problem = invalid(request.body);
  if (problem) return reply.code(400).send({ code: 'VALIDATION_FAILED', field: problem });
  const body = request.body;
  const dto = { ...body, text: body.text.trim(), claimant: { ...body.claimant, name: body.claimant.name.trim() } };
  const claim = await createClaim(actor, dto);
  reply.code(201).header('etag', `"${claim.version}"`);
  return { ...claimView(claim), similar: [] };
});

const shutdown = async () => {
  await app.close().catch(() => undefined);
  await pool.end().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

await app.listen({ port, host: '127.0.0.1' });
