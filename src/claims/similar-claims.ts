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
 * Claims of the same workspace that say nearly the same thing, by trigram similarity
 * (pg_trgm's `%` operator, served by the GIN index on (workspace_id, text)). A claim that
 * repeats one already checked shows that verdict at once.
 */
@Injectable()
export class SimilarClaims {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(workspaceId: string, text: string, excludeId: string): Promise<SimilarClaimView[]> {
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
      `SELECT id, text, status, verdict_rating, verdict_summary, verdict_proposed_by, verdict_proposed_at,
              similarity(text, $2) AS score
         FROM claims
        WHERE workspace_id = $1 AND id <> $3 AND text % $2 AND similarity(text, $2) >= ${SIMILARITY_THRESHOLD}
        ORDER BY score DESC, id
        LIMIT ${LIMIT}`,
      [workspaceId, text, excludeId],
    );
    return rows.map((r) => ({
        id: r.id,
        text: r.text,
        status: r.status,
        verdict: verdictView({ verdictRating: r.verdict_rating, verdictSummary: r.verdict_summary, verdictProposedBy: r.verdict_proposed_by, verdictProposedAt: r.verdict_proposed_at }),
        score: Math.round(r.score * 1000) / 1000,
      }));
  }
}
