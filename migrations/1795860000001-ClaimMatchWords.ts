import { MigrationInterface, QueryRunner } from 'typeorm';
import { claimFingerprint } from '../src/claims/matching/claim-fingerprint';
import { forEachClaimBatch } from '../src/database/claim-batches';

/** Candidates read per family: strict ones are mostly true matches, loose ones in a big story mostly not. */
const STRICT_LIMIT = 100;
const LOOSE_LIMIT = 30;

/**
 * Claim matching, second form (src/claims/matching/claim-fingerprint.ts): each claim keeps the
 * hashes of its words in match_words, so that candidates are scored without reading their text
 * again, and match_bands now holds two families of band keys (strict and loose). Both are
 * computed here for the claims already there, with the service's own code.
 *
 * claim_match_candidates(strict, loose, workspace, claim) reads the candidates of both families,
 * each with its LIMIT, however many claims share its keys. It runs with enable_seqscan off: with a
 * LIMIT, the planner took a sequential scan that stops at the 50th match whenever it guessed
 * matches were common (30–365 ms at 100,000 claims, instead of about 1 ms through the index).
 * gin_fuzzy_search_limit (a random sample of what the index finds) was tried for the loose
 * family and made its index scan slower, not faster.
 */
export class ClaimMatchWords1795860000001 implements MigrationInterface {
  name = 'ClaimMatchWords1795860000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claims" ADD "match_words" integer array NOT NULL DEFAULT '{}'`);
    await forEachClaimBatch(queryRunner, async (claims) => {
      const prints = claims.map((claim) => claimFingerprint(claim.workspace_id, claim.text));
      await queryRunner.query(
        `UPDATE claims c SET match_words = ARRAY(SELECT jsonb_array_elements_text(f.words)::int), match_bands = ARRAY(SELECT jsonb_array_elements_text(f.bands)::int)
           FROM unnest($1::uuid[], $2::jsonb[], $3::jsonb[]) AS f(id, words, bands)
          WHERE c.id = f.id`,
        [claims.map((claim) => claim.id), prints.map((p) => JSON.stringify(p.words)), prints.map((p) => JSON.stringify(p.bands))],
      );
    });
    await queryRunner.query(`
      CREATE FUNCTION claim_match_candidates(strict_keys integer[], loose_keys integer[], ws uuid, self uuid)
        RETURNS TABLE (id uuid, text text, status claim_status, verdict_rating text, verdict_summary text, verdict_proposed_by uuid,
                       verdict_proposed_at timestamptz, match_words integer[])
        LANGUAGE plpgsql STABLE PARALLEL SAFE
        SET enable_seqscan = off
      AS $$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY
          SELECT c.id, c.text, c.status, c.verdict_rating, c.verdict_summary, c.verdict_proposed_by, c.verdict_proposed_at, c.match_words
            FROM claims c WHERE c.match_bands && strict_keys AND c.workspace_id = ws AND c.id <> self LIMIT ${STRICT_LIMIT};
        RETURN QUERY
          SELECT c.id, c.text, c.status, c.verdict_rating, c.verdict_summary, c.verdict_proposed_by, c.verdict_proposed_at, c.match_words
            FROM claims c WHERE c.match_bands && loose_keys AND c.workspace_id = ws AND c.id <> self LIMIT ${LOOSE_LIMIT};
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION claim_match_candidates(integer[], integer[], uuid, uuid)`);
    // The band keys stay in their second form: matching reads both families from the same column.
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "match_words"`);
  }
}
