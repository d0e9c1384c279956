import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { verdictView } from './claim.view';
import type { SimilarClaimView } from './dto/claim.view';
import type { ClaimStatus, Rating } from './vocabulary';

/**
 * Below this trigram similarity two claims are not "nearly the same". Rewordings of one claim
 * score 0.4–0.75 here; different claims about the same story about 0.25.
 */
export const SIMILARITY_THRESHOLD = 0.35;
const LIMIT = 5;

/**
 * Claims of the same workspace that say nearly the same thing, best first. Two steps, so that
 * the cost does not grow with the workspace: full-text search (the GIN index on
 * (workspace_id, search_vector)) finds the claims sharing at least two of the claim's three
 * longest words (long words are the rare, telling ones: "reimbursed", "peacekeeping",
 * "billion"), then trigram similarity (pg_trgm) ranks those few. A claim that repeats one
 * already checked shows that verdict at once.
 */
@Injectable()
export class SimilarClaims {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(workspaceId: string, claimId: string): Promise<SimilarClaimView[]> {
    const rows: Array<{
      id: string;
      text: string;
      status: ClaimStatus;
      verdict_rating: Rating | null;
      verdict_summary: string | null;
      verdict_proposed_by: string | null;
      verdict_proposed_at: Date | null;
      score: number;
    }> = await this.dataSource.query(
      `WITH me AS (SELECT text, search_vector FROM claims WHERE id = $2 AND workspace_id = $1),
            words AS (
              SELECT array_agg(lexeme ORDER BY length(lexeme) DESC, lexeme) AS w
                FROM (SELECT lexeme FROM me, unnest(tsvector_to_array(me.search_vector)) AS lexeme ORDER BY length(lexeme) DESC, lexeme LIMIT 3) longest),
            wanted AS (
              SELECT CASE coalesce(array_length(w, 1), 0)
                       WHEN 0 THEN NULL
                       WHEN 1 THEN quote_literal(w[1])::tsquery
                       WHEN 2 THEN format('%s & %s', quote_literal(w[1]), quote_literal(w[2]))::tsquery
                       ELSE format('(%1$s & %2$s) | (%1$s & %3$s) | (%2$s & %3$s)', quote_literal(w[1]), quote_literal(w[2]), quote_literal(w[3]))::tsquery
                     END AS query
                FROM words)
       SELECT c.id, c.text, c.status, c.verdict_rating, c.verdict_summary, c.verdict_proposed_by, c.verdict_proposed_at,
              similarity(c.text, me.text) AS score
         FROM claims c, me, wanted
        WHERE c.workspace_id = $1 AND c.id <> $2 AND c.search_vector @@ wanted.query
          AND similarity(c.text, me.text) >= ${SIMILARITY_THRESHOLD}
        ORDER BY score DESC, c.id
        LIMIT ${LIMIT}`,
      [workspaceId, claimId],
    );
    return rows.map((r) => ({
      id: r.id,
      text: r.text,
      status: r.status,
      verdict: verdictView({
        verdictRating: r.verdict_rating,
        verdictSummary: r.verdict_summary,
        verdictProposedBy: r.verdict_proposed_by,
        verdictProposedAt: r.verdict_proposed_at,
      }),
      score: Math.round(r.score * 1000) / 1000,
    }));
  }
}
