import { MigrationInterface, QueryRunner } from 'typeorm';

/** The daily digests handled, one per person and local date (the primary key is the guard). */
export class Digests1795817000002 implements MigrationInterface {
  name = 'Digests1795817000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "digests" (
      "user_id" uuid NOT NULL,
      "local_date" date NOT NULL,
      "workspace_id" uuid NOT NULL,
      "event_id" uuid,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "digests_pkey" PRIMARY KEY ("user_id", "local_date"),
      CONSTRAINT "FK_38293b7517fbf90c3c53253825c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "digests"`);
  }
}
