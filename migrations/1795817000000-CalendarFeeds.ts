import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each person's secret calendar address: only the SHA-256 of the secret is kept. */
export class CalendarFeeds1795817000000 implements MigrationInterface {
  name = 'CalendarFeeds1795817000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "calendar_feeds" (
      "user_id" uuid NOT NULL,
      "secret_hash" bytea NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("user_id"),
      CONSTRAINT "FK_3212ce9ff23847e66347a6730d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "calendar_feeds_secret_hash_key" ON "calendar_feeds" ("secret_hash")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
  }
}
