import { MigrationInterface, QueryRunner } from 'typeorm';

const STRICT_LIMIT = 100;
const LOOSE_LIMIT = 30;

/**
 * claim_match_candidates read the loose family through claims_ws_due_idx, a btree on
 * workspace_id, and filtered every claim of the workspace (74 ms at 20,000 claims): with
 * enable_seqscan off, an index scan on the workspace condition was the planner's next way round
 * the GIN index. The workspace is mixed into every key already (claim-fingerprint.ts), so the
 * condition is only there against a hash collision: written as text, no index can serve it, and
 * the GIN index on match_bands is the only path left.
 */
export class ClaimMatchCandidatesIndex1795860000002 implements MigrationInterface {
  name = 'ClaimMatchCandidatesIndex1795860000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(candidates('c.workspace_id::text = ws::text'));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(candidates('c.workspace_id = ws'));
  }
}

function candidates(workspaceCondition: string): string {
  const family = (keys: string, limit: number) =>
    `SELECT c.id, c.text, c.status, c.verdict_rating, c.verdict_summary, c.verdict_proposed_by, c.verdict_proposed_at, c.match_words
       FROM claims c WHERE c.match_bands && ${keys} AND ${workspaceCondition} AND c.id <> self LIMIT ${limit}`;
  return `
    CREATE OR REPLACE FUNCTION claim_match_candidates(strict_keys integer[], loose_keys integer[], ws uuid, self uuid)
      RETURNS TABLE (id uuid, text text, status claim_status, verdict_rating text, verdict_summary text, verdict_proposed_by uuid,
                     verdict_proposed_at timestamptz, match_words integer[])
      LANGUAGE plpgsql STABLE PARALLEL SAFE
      SET enable_seqscan = off
    AS $$
    #variable_conflict use_column
    BEGIN
      RETURN QUERY ${family('strict_keys', STRICT_LIMIT)};
      RETURN QUERY ${family('loose_keys', LOOSE_LIMIT)};
    END
    $$`;
}
