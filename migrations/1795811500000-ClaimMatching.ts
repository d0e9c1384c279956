import { MigrationInterface, QueryRunner } from 'typeorm';

/** Trigram index on claim text, scoped by workspace, for "similar claims" (pg_trgm `%`). */
export class ClaimMatching1795811500000 implements MigrationInterface {
    name = 'ClaimMatching1795811500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "claims_text_trgm_idx" ON "claims" USING gin ("workspace_id", "text" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."claims_text_trgm_idx"`);
    }
}
