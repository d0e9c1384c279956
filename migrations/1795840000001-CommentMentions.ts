import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who a comment mentions now (comments.mention_ids), and who has been told, once per comment and person. */
export class CommentMentions1795840000001 implements MigrationInterface {
  name = 'CommentMentions1795840000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "comment_mentions" ("comment_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b8b27863e0146c27bd8c6962e1e" PRIMARY KEY ("comment_id", "user_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "comments" ADD "mention_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `ALTER TABLE "comment_mentions" ADD CONSTRAINT "FK_9ac3fac766fa09176e5c53e4d3f" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_mentions" ADD CONSTRAINT "FK_a29d739a2d28fb38b8b591f8152" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comment_mentions" DROP CONSTRAINT "FK_a29d739a2d28fb38b8b591f8152"`);
    await queryRunner.query(`ALTER TABLE "comment_mentions" DROP CONSTRAINT "FK_9ac3fac766fa09176e5c53e4d3f"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "mention_ids"`);
    await queryRunner.query(`DROP TABLE "comment_mentions"`);
  }
}
