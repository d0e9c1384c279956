import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sources: the articles and transcripts claims are read from. */
export class Sources1795809870076 implements MigrationInterface {
  name = 'Sources1795809870076';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sources" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "title" text NOT NULL, "url" text, "publisher" text, "published_at" TIMESTAMP(3) WITH TIME ZONE, "text" text, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_85523beafe5a2a6b90b02096443" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "sources_workspace_created_idx" ON "sources"  ("workspace_id", "created_at", "id") `);
    await queryRunner.query(
      `ALTER TABLE "sources" ADD CONSTRAINT "FK_9922feffaec592f51261c21d1f2" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sources" ADD CONSTRAINT "FK_bcfeed285b1c716168a89db3e87" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sources" DROP CONSTRAINT "FK_bcfeed285b1c716168a89db3e87"`);
    await queryRunner.query(`ALTER TABLE "sources" DROP CONSTRAINT "FK_9922feffaec592f51261c21d1f2"`);
    await queryRunner.query(`DROP INDEX "public"."sources_workspace_created_idx"`);
    await queryRunner.query(`DROP TABLE "sources"`);
  }
}
