import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { verdictView } from './claim.view';
import type { SimilarClaimView } from './dto/claim.view';
import { jaccard, MATCH_THRESHOLD, matchKeys, matchWords, wordHashes, type MatchKeys } from './matching/claim-fingerprint';
import type { ClaimStatus, Rating } from './vocabulary';

/** GET /v1/claims/:id/similar lists up to this many. */
export const SIMILAR_LIMIT = 50;
/** The 201 of POST /v1/claims carries the first five of the same list. */
export const CREATED_SIMILAR_LIMIT = 5;
/**
 * The candidates of a claim, given the parameters holding its strict keys, its loose keys, the
 * workspace and its own id: claims of the workspace sharing a key of either family, at most 100
 * strict and 30 loose ones, whatever the workspace holds (the SQL function claim_match_candidates,
 * migration ClaimMatchWords, says how). Also a CTE of POST /v1/claims, where it reads the claims
 * as they were before the new one.
 */
export function candidateSql(strict: string, loose: string, workspace: string, self: string): string {
  return `SELECT * FROM claim_match_candidates(${strict}::int[], ${loose}::int[], ${workspace}::uuid, ${self}::uuid)`;
}

/** The statement of GET …/similar: $1 strict keys, $2 loose keys, $3 workspace, $4 the claim (the bench reads it too). */
export const CANDIDATE_SQL = candidateSql('$1', '$2', '$3', '$4');

export interface CandidateRow {
  id: string;
  text: string;
  status: ClaimStatus;
  verdict_rating: Rating | null;
  verdict_summary: string | null;
  verdict_proposed_by: string | null;
  verdict_proposed_at: Date | string | null;
  match_words: number[];
}

/** A claim's text, ready to be matched: its word hashes and band keys. */
export interface MatchProbe {
  words: number[];
  keys: MatchKeys;
}

export function matchProbe(workspaceId: string, text: string): MatchProbe {
  const words = wordHashes(matchWords(text));
  return { words, keys: matchKeys(workspaceId, words) };
}

/**
 * The candidates scored exactly — Jaccard similarity of the word hashes — kept from
 * MATCH_THRESHOLD, best first; ties go to the smaller id, so that the POST's five are the first
 * five of GET …/similar.
 */
export function rankSimilar(probe: MatchProbe, candidates: CandidateRow[], limit: number): SimilarClaimView[] {
  const seen = new Set<string>();
  const scored: Array<{ row: CandidateRow; score: number }> = [];
  for (const row of candidates) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const score = jaccard(probe.words, row.match_words);
    if (score >= MATCH_THRESHOLD) scored.push({ row, score });
  }
  return scored
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
        verdictProposedAt: row.verdict_proposed_at === null ? null : new Date(row.verdict_proposed_at),
      }),
      score: Math.round(score * 1000) / 1000,
    }));
}

/**
 * Claims of the same workspace that say nearly the same thing, best first. Two steps, each of
 * bounded cost: the GIN index on claims.match_bands gives the claims that share a MinHash band
 * with this text (candidateSql: at most 130 rows, however many claims share the story's words),
 * then rankSimilar scores those few exactly (claim-fingerprint.ts).
 */
@Injectable()
export class SimilarClaims {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(workspaceId: string, claimId: string, text: string, limit = SIMILAR_LIMIT): Promise<SimilarClaimView[]> {
    const probe = matchProbe(workspaceId, text);
    if (probe.words.length === 0) return [];
    const rows: CandidateRow[] = await this.dataSource.query(CANDIDATE_SQL, [probe.keys.strict, probe.keys.loose, workspaceId, claimId]);
    return rankSimilar(probe, rows, limit);
  }
}
