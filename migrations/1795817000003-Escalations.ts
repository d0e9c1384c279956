import { MigrationInterface, QueryRunner } from 'typeorm';

/** Missed dates escalated to editors, once per claim, reason and date. */
export class Escalations1795817000003 implements MigrationInterface {
  name = 'Escalations1795817000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "escalations" (
      "claim_id" uuid NOT NULL,
      "reason" text NOT NULL,
      "since" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "workspace_id" uuid NOT NULL,
      "event_id" uuid NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "escalations_pkey" PRIMARY KEY ("claim_id", "reason", "since"),
      CONSTRAINT "FK_af73d9a6891ea72e5212196d7be" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "escalations"`);
  }
}
