import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { verdictView } from './claim.view';
import type { SimilarClaimView } from './dto/claim.view';
import { jaccard, MATCH_THRESHOLD, matchBands, matchWords } from './matching/claim-fingerprint';
import type { ClaimStatus, Rating } from './vocabulary';

/** GET /v1/claims/:id/similar lists up to this many. */
export const SIMILAR_LIMIT = 50;
/** The 201 of POST /v1/claims carries the first five of the same list. */
export const CREATED_SIMILAR_LIMIT = 5;
/**
 * The most candidates scored for one claim, whatever the workspace holds. Candidates share a
 * MinHash band with the claim, so they are mostly true matches; this bound only bites when a
 * workspace holds hundreds of near-copies of one sentence, and then any 50 of them say the same.
 */
export const CANDIDATE_LIMIT = 400;

interface CandidateRow {
  id: string;
  text: string;
  status: ClaimStatus;
  verdict_rating: Rating | null;
  verdict_summary: string | null;
  verdict_proposed_by: string | null;
  verdict_proposed_at: Date | null;
}

/**
 * Claims of the same workspace that say nearly the same thing, best first. Two steps, each of
 * bounded cost: the GIN index on claims.match_bands gives the claims that share a MinHash band
 * with this text (at most CANDIDATE_LIMIT rows, however many claims share the story's words),
 * then each candidate is scored exactly here — Jaccard similarity of the stemmed content words
 * (claim-fingerprint.ts) — and kept at MATCH_THRESHOLD or above. Ties go to the smaller id, so
 * the POST's five are the first five of GET …/similar.
 */
@Injectable()
export class SimilarClaims {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(workspaceId: string, claimId: string, text: string, limit = SIMILAR_LIMIT): Promise<SimilarClaimView[]> {
    const words = matchWords(text);
    const bands = matchBands(workspaceId, words);
    if (bands.length === 0) return [];
    const rows: CandidateRow[] = await this.dataSource.query(
      `SELECT c.id, c.text, c.status, c.verdict_rating, c.verdict_summary, c.verdict_proposed_by, c.verdict_proposed_at
         FROM claims c
        WHERE c.match_bands && $1::int[] AND c.workspace_id = $2 AND c.id <> $3
        LIMIT ${CANDIDATE_LIMIT}`,
      [bands, workspaceId, claimId],
    );
    return rows
      .map((row) => ({ row, score: jaccard(words, matchWords(row.text)) }))
      .filter((m) => m.score >= MATCH_THRESHOLD)
      .sort((x, y) => y.score - x.score || (x.row.id < y.row.id ? -1 : 1))
      .slice(0, limit)
      .map(({ row, score }) => ({
        id: row.id,
        text: row.text,
        status: row.status,
        verdict: verdictView({
          verdictRating: row.verdict_rating,
          verdictSummary: row.verdict_summary,
          verdictProposedBy: row.verdict_proposed_by,
          verdictProposedAt: row.verdict_proposed_at,
        }),
        score: Math.round(score * 1000) / 1000,
      }));
  }
}
