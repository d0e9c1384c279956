import { MigrationInterface, QueryRunner } from 'typeorm';
import { claimFingerprint } from '../src/claims/matching/claim-fingerprint';
import { forEachClaimBatch } from '../src/database/claim-batches';
import { ClaimMatchCandidatesIndex1795860000002 } from './1795860000002-ClaimMatchCandidatesIndex';

/**
 * Claim matching moves out of PostgreSQL (src/claims/similar-claims.ts): each API host keeps its
 * own index of the band keys in memory, computed from match_words. The GIN index on match_bands
 * cost every creation about 0.3 ms to write and every match about 1 ms to read (bench/README.md),
 * so match_bands, its index and claim_match_candidates go.
 *
 * match_seq is the transaction that last wrote a claim's text (current_xact_seq(): the 64-bit
 * pg_current_xact_id, which only grows, as a bigint): a host reads the claims whose match_seq is at least the xmin of its
 * last read to learn what others wrote since, through claims_ws_match_seq_idx.
 */
export class ClaimMatchInMemory1795890000000 implements MigrationInterface {
  name = 'ClaimMatchInMemory1795890000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION claim_match_candidates(integer[], integer[], uuid, uuid)`);
    await queryRunner.query(`DROP INDEX "public"."claims_match_bands_idx"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "match_bands"`);
    // xid8 has no cast to bigint but through text; TypeORM, which knows no xid8, sees a bigint.
    await queryRunner.query(`CREATE FUNCTION current_xact_seq() RETURNS bigint LANGUAGE sql VOLATILE AS 'SELECT pg_current_xact_id()::text::bigint'`);
    await queryRunner.query(`ALTER TABLE "claims" ADD "match_seq" bigint NOT NULL DEFAULT current_xact_seq()`);
    await queryRunner.query(`CREATE INDEX "claims_ws_match_seq_idx" ON "claims" ("workspace_id", "match_seq", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."claims_ws_match_seq_idx"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "match_seq"`);
    await queryRunner.query(`DROP FUNCTION current_xact_seq()`);
    await queryRunner.query(`ALTER TABLE "claims" ADD "match_bands" integer array NOT NULL DEFAULT '{}'`);
    await forEachClaimBatch(queryRunner, async (claims) => {
      const bands = claims.map((claim) => claimFingerprint(claim.workspace_id, claim.text).bands);
      await queryRunner.query(
        `UPDATE claims c SET match_bands = ARRAY(SELECT jsonb_array_elements_text(f.bands)::int)
           FROM unnest($1::uuid[], $2::jsonb[]) AS f(id, bands)
          WHERE c.id = f.id`,
        [claims.map((claim) => claim.id), bands.map((b) => JSON.stringify(b))],
      );
    });
    await queryRunner.query(`CREATE INDEX "claims_match_bands_idx" ON "claims" USING gin ("match_bands") WITH (fastupdate = off)`);
    await new ClaimMatchCandidatesIndex1795860000002().up(queryRunner);
  }
}
