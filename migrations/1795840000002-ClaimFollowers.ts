import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who follows a claim. Existing claims start with the followers they would have had: their
 * creator, their assignee, and whoever commented on them or was told of a mention.
 */
export class ClaimFollowers1795840000002 implements MigrationInterface {
  name = 'ClaimFollowers1795840000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "claim_followers" ("claim_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_837146f50b57891da85cc56e8a1" PRIMARY KEY ("claim_id", "user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "claim_followers" ADD CONSTRAINT "FK_e870408239c89af9894041fd45a" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "claim_followers" ADD CONSTRAINT "FK_1c98954dda67bcc6494976528b4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "claim_followers" ("claim_id", "user_id")
       SELECT id, created_by FROM claims WHERE created_by IS NOT NULL
       UNION SELECT id, assignee_id FROM claims WHERE assignee_id IS NOT NULL
       UNION SELECT claim_id, author_id FROM comments
       UNION SELECT c.claim_id, m.user_id FROM comment_mentions m JOIN comments c ON c.id = m.comment_id
       ON CONFLICT DO NOTHING`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claim_followers" DROP CONSTRAINT "FK_1c98954dda67bcc6494976528b4"`);
    await queryRunner.query(`ALTER TABLE "claim_followers" DROP CONSTRAINT "FK_e870408239c89af9894041fd45a"`);
    await queryRunner.query(`DROP TABLE "claim_followers"`);
  }
}
