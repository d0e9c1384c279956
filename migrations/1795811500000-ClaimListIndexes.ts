import { MigrationInterface, QueryRunner } from 'typeorm';

/** Status filter sorted by priority (the triage view): walked in index order, not filtered. */
export class ClaimListIndexes1795811500000 implements MigrationInterface {
  name = 'ClaimListIndexes1795811500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "claims_ws_status_priority_idx" ON "claims" ("workspace_id", "status", "priority", "updated_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."claims_ws_status_priority_idx"`);
  }
}
