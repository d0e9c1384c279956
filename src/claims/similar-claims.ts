import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { PreparedStatement } from '../database/prepared-statement';
import { verdictView } from './claim.view';
import type { SimilarClaimView } from './dto/claim.view';
import type { Match } from './matching/match-index';
import { Matcher, type Matched } from './matching/matcher';
import type { ClaimStatus, Rating } from './vocabulary';

/** GET /v1/claims/:id/similar lists up to this many. */
export const SIMILAR_LIMIT = 50;
/** The 201 of POST /v1/claims carries the first five of the same list. */
export const CREATED_SIMILAR_LIMIT = 5;
/**
 * How stale a host's index of a workspace may be before a request waits for it to read what other
 * hosts (and workers, and migrations) wrote since. What this host writes itself is in it at once.
 */
export const SYNC_AFTER_MS = 200;
/** Claims read per statement when an index is built. */
const PAGE = 10_000;
const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The claims written since a snapshot, in pages: `$2` is the oldest transaction that snapshot
 * could not see yet (pg_snapshot_xmin), so every write committed since has `match_seq ≥ $2`
 * (claims.match_seq is the writing transaction's id), and `$3` the last claim of the page before.
 * Also this statement's own xmin, from which the next read starts. The words come as json, which
 * the driver hands to JSON.parse: its parser of PostgreSQL arrays, in JavaScript, took several
 * times as long.
 */
const CHANGED_SQL = `
  WITH snapshot AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin)
  SELECT snapshot.xmin, c.id, c.match_seq::text AS seq, to_json(c.match_words) AS words
    FROM snapshot LEFT JOIN LATERAL (
      SELECT id, match_seq, match_words FROM claims
       WHERE workspace_id = $1 AND (match_seq, id) > ($2::bigint, $3::uuid)
       ORDER BY match_seq, id LIMIT ${PAGE}) c ON true`;

const SIMILAR_COLUMNS = 'id, text, status, verdict_rating, verdict_summary, verdict_proposed_by, verdict_proposed_at';

/** The claims to show for a list of matches: `$1` their ids, `$2` the workspace. */
const SIMILAR_ROWS = new PreparedStatement<SimilarRow>(
  'claims.similar-rows',
  `SELECT ${SIMILAR_COLUMNS} FROM claims WHERE id = ANY($1::uuid[]) AND workspace_id = $2::uuid`,
);

/**
 * The same rows as a json array, for a statement that reads them beside its own work (the claim
 * creation): `ids` a jsonb array of their ids, `workspace` the workspace. The ids come as jsonb,
 * not uuid[], because PostgreSQL estimates the rows of jsonb_array_elements_text the same whatever
 * the array holds, and the workspace is checked after the rows are found, not in their WHERE
 * (where its statistics would weigh in): the prepared statement keeps one generic plan. An empty
 * uuid[] looked so cheap to the planner that it planned the whole statement again on every call.
 */
export function similarRowsJson(ids: string, workspace: string): string {
  return `(SELECT coalesce(json_agg(m) FILTER (WHERE m.workspace_id = ${workspace}), '[]') FROM (
             SELECT workspace_id, ${SIMILAR_COLUMNS} FROM claims
              WHERE id IN (SELECT matched.id::uuid FROM jsonb_array_elements_text(${ids}) AS matched(id))) m)`;
}

export interface SimilarRow {
  id: string;
  text: string;
  status: ClaimStatus;
  verdict_rating: Rating | null;
  verdict_summary: string | null;
  verdict_proposed_by: string | null;
  verdict_proposed_at: Date | string | null;
}

/** The matches as the API shows them, in their order, from their rows; a claim no longer there is left out. */
export function similarViews(matches: readonly Match[], rows: readonly SimilarRow[]): SimilarClaimView[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return matches.flatMap(({ id, score }) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id,
        text: row.text,
        status: row.status,
        verdict: verdictView({
          verdictRating: row.verdict_rating,
          verdictSummary: row.verdict_summary,
          verdictProposedBy: row.verdict_proposed_by,
          verdictProposedAt: row.verdict_proposed_at === null ? null : new Date(row.verdict_proposed_at),
        }),
        score: Math.round(score * 1000) / 1000,
      },
    ];
  });
}

interface Indexed {
  /** The claims its index holds, as the matching thread last said. */
  claims: number;
  /** Where the next read of changes starts (a transaction id, as text: it is a 64-bit number). */
  xmin: string;
  syncedAt: number;
  syncing: Promise<void> | null;
}

/**
 * Claims of the same workspace that say nearly the same thing, best first. Matching runs in this
 * process, over an index of the workspace's claims (MatchIndex: each claim's word hashes, and its
 * MinHash band keys pointing back to it), so a creation costs PostgreSQL nothing for it: the
 * candidates are the claims sharing a band key with the text, scored exactly; only the few that
 * match are then read, for their text and status. The indexes live on a thread of their own
 * (Matcher), which splits the text into words and matches it while this one serves requests.
 *
 * The index is a cache of claims.match_words, which stays the truth: a host builds a workspace's on
 * its first request for it, adds what it writes itself as soon as it is committed, and reads what
 * other hosts wrote (claims whose match_seq, the writing transaction, is at least the xmin of its
 * last read) before a request when its last read is older than SYNC_AFTER_MS. Hosts stay
 * stateless: a new or restarted one builds its indexes again, and nothing is lost when one stops
 * (nor when the matching thread does: the indexes are built again on the next request).
 */
@Injectable()
export class SimilarClaims implements OnApplicationShutdown {
  private readonly logger = new Logger(SimilarClaims.name);
  /** In order of use, the least recently used first. */
  private readonly workspaces = new Map<string, Indexed>();
  private readonly matcher = new Matcher((error) => {
    this.logger.error(`The matching thread stopped; the indexes are built again on the next requests: ${error.message}`);
    this.workspaces.clear();
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.matcher.close();
  }

  /** The workspaces indexed on this host and how many claims each holds, least recently used first. */
  indexed(): Array<{ workspaceId: string; claims: number }> {
    return [...this.workspaces].map(([workspaceId, indexed]) => ({ workspaceId, claims: indexed.claims }));
  }

  /** The claims matching `text`, best first, `except` left out, at most `limit` (ids and scores), and the text's words. */
  async match(workspaceId: string, text: string, except: string, limit: number): Promise<Matched> {
    const indexed = await this.current(workspaceId);
    const { words, matches, size } = await this.matcher.match(workspaceId, text, except, limit);
    indexed.claims = size;
    return { words, matches };
  }

  /** The claims saying nearly what `text` says, as GET …/similar shows them. */
  async find(workspaceId: string, except: string, text: string, limit = SIMILAR_LIMIT): Promise<SimilarClaimView[]> {
    return this.views(workspaceId, (await this.match(workspaceId, text, except, limit)).matches);
  }

  /** The matches as the API shows them: their claims read for their text, status and verdict. */
  async views(workspaceId: string, matches: readonly Match[]): Promise<SimilarClaimView[]> {
    if (matches.length === 0) return [];
    return similarViews(matches, await SIMILAR_ROWS.rows(this.dataSource, [matches.map((m) => m.id), workspaceId]));
  }

  /** A claim this host has just written (committed): `words` its match_words, `seq` its match_seq. */
  remember(workspaceId: string, id: string, words: number[], seq: string): void {
    if (this.workspaces.has(workspaceId)) this.matcher.add(workspaceId, { id, words, seq: Number(seq) });
  }

  private async current(workspaceId: string): Promise<Indexed> {
    let indexed = this.workspaces.get(workspaceId);
    if (indexed) {
      this.workspaces.delete(workspaceId);
    } else {
      indexed = { claims: 0, xmin: '0', syncedAt: 0, syncing: null };
    }
    this.workspaces.set(workspaceId, indexed);
    if (!indexed.syncing && Date.now() - indexed.syncedAt >= SYNC_AFTER_MS) {
      const entry = indexed;
      entry.syncing = this.sync(workspaceId, entry).finally(() => (entry.syncing = null));
    }
    if (indexed.syncing) await indexed.syncing;
    return indexed;
  }

  /** Reads the claims written since the last read (all of them, the first time), page by page, and has them indexed. */
  private async sync(workspaceId: string, indexed: Indexed): Promise<void> {
    const startedAt = Date.now();
    let xmin: string | null = null;
    let after = { seq: indexed.xmin, id: NO_ID };
    for (;;) {
      const rows: Array<{ xmin: string; id: string | null; seq: string; words: number[] }> = await this.dataSource.query(CHANGED_SQL, [
        workspaceId,
        after.seq,
        after.id,
      ]);
      xmin ??= rows[0].xmin;
      const claims = rows.flatMap(({ id, seq, words }) => (id === null ? [] : [{ id, words, seq: Number(seq) }]));
      // Mostly what this host wrote itself, read back: the thread keeps those as they are.
      if (claims.length > 0) indexed.claims = await this.matcher.index(workspaceId, claims);
      if (claims.length < PAGE) break;
      const last = rows[rows.length - 1];
      after = { seq: last.seq, id: last.id! };
    }
    indexed.xmin = xmin;
    indexed.syncedAt = startedAt;
    this.keepToBudget(workspaceId);
  }

  /** Drops the least recently used workspaces' indexes while the host holds more than MATCH_INDEX_MAX_CLAIMS claims. */
  private keepToBudget(keep: string): void {
    let total = 0;
    for (const indexed of this.workspaces.values()) total += indexed.claims;
    for (const [workspaceId, indexed] of this.workspaces) {
      if (total <= this.config.matchIndexMaxClaims) break;
      if (workspaceId === keep || indexed.syncing) continue;
      this.workspaces.delete(workspaceId);
      this.matcher.drop(workspaceId);
      total -= indexed.claims;
    }
  }
}
