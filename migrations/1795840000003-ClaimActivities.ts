import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a claim's followers are still to be told (taken and deleted by the workers). */
export class ClaimActivities1795840000003 implements MigrationInterface {
  name = 'ClaimActivities1795840000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "claim_activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "claim_id" uuid NOT NULL, "actor_id" uuid NOT NULL, "kind" text NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_66a353e1e46c9d5a21eaf49ed59" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "claim_activities_created_idx" ON "claim_activities"  ("created_at") `);
    await queryRunner.query(
      `ALTER TABLE "claim_activities" ADD CONSTRAINT "FK_72e44f4316e67106e484129cef3" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claim_activities" DROP CONSTRAINT "FK_72e44f4316e67106e484129cef3"`);
    await queryRunner.query(`DROP INDEX "public"."claim_activities_created_idx"`);
    await queryRunner.query(`DROP TABLE "claim_activities"`);
  }
}
