import { MigrationInterface, QueryRunner } from 'typeorm';

/** Comments on a claim: Markdown as written, 1 to 10,000 characters, deleted only by marking. */
export class Comments1795840000000 implements MigrationInterface {
  name = 'Comments1795840000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "claim_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "edited_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_by" uuid, "deleted_at" TIMESTAMP(3) WITH TIME ZONE, "deleted_by" uuid, CONSTRAINT "comments_body_length" CHECK (char_length(body) BETWEEN 1 AND 10000), CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "comments_claim_created_idx" ON "comments"  ("claim_id", "created_at", "id") WHERE deleted_at IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_25549ce5482606fd2b00c93d2f1" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_e6d38899c31997c45d128a8973b" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_e6d38899c31997c45d128a8973b"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_25549ce5482606fd2b00c93d2f1"`);
    await queryRunner.query(`DROP INDEX "public"."comments_claim_created_idx"`);
    await queryRunner.query(`DROP TABLE "comments"`);
  }
}
