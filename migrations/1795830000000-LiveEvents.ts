import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live events (GET /v1/events) from the outbox: live rows, their insertion order (`pos`), their
 * place in the workspace's stream (`seq`, given after commit by the relay), the claim and the
 * one user they may be for, and the last `seq` given per workspace.
 */
export class LiveEvents1795830000000 implements MigrationInterface {
  name = 'LiveEvents1795830000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "live_stream_heads" ("workspace_id" uuid NOT NULL, "last_seq" bigint NOT NULL, CONSTRAINT "PK_088eae6042d6ca30c40a94c7809" PRIMARY KEY ("workspace_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "pos" BIGSERIAL NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "live" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "seq" bigint`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "claim_id" uuid`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "user_id" uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX "outbox_events_live_seq_key" ON "outbox_events"  ("workspace_id", "seq") WHERE seq IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "outbox_events_live_pending_idx" ON "outbox_events"  ("pos") WHERE live AND seq IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_events_live_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_events_live_seq_key"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "user_id"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "claim_id"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "seq"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "live"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "pos"`);
    await queryRunner.query(`DROP TABLE "live_stream_heads"`);
  }
}
