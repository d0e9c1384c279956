import { MigrationInterface, QueryRunner } from 'typeorm';
import { claimMatchBands } from '../src/claims/matching/claim-fingerprint';

const BATCH = 2000;

/**
 * Claim matching by MinHash/LSH band keys (src/claims/matching/claim-fingerprint.ts): each claim
 * keeps the keys of its text in match_bands, and a GIN index finds the claims that share one.
 * The keys are computed by the service, so this migration computes those of the claims already
 * there with the same code. fastupdate is off: a pending list would make every lookup scan it,
 * and the insert that overflows it pay for merging it.
 */
export class ClaimMatchBands1795860000000 implements MigrationInterface {
  name = 'ClaimMatchBands1795860000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claims" ADD "match_bands" integer array NOT NULL DEFAULT '{}'`);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await queryRunner.query(`SELECT id, workspace_id, text FROM claims WHERE id > $1 ORDER BY id LIMIT ${BATCH}`, [after])) as Array<{
        id: string;
        workspace_id: string;
        text: string;
      }>;
      if (rows.length === 0) break;
      await queryRunner.query(
        `UPDATE claims c SET match_bands = ARRAY(SELECT jsonb_array_elements_text(b.bands)::int)
           FROM unnest($1::uuid[], $2::jsonb[]) AS b(id, bands)
          WHERE c.id = b.id`,
        [rows.map((r) => r.id), rows.map((r) => JSON.stringify(claimMatchBands(r.workspace_id, r.text)))],
      );
      after = rows[rows.length - 1].id;
    }
    await queryRunner.query(`CREATE INDEX "claims_match_bands_idx" ON "claims" USING gin ("match_bands") WITH (fastupdate = off)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."claims_match_bands_idx"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "match_bands"`);
  }
}
