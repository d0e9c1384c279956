import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /v1/webhooks/:id/deliveries reads one webhook's delivery log newest first
 * (`WHERE channel = 'webhook' AND target = $2 ORDER BY created_at DESC, id DESC`, a page of 50
 * and a keyset cursor). No index served it: PostgreSQL read every delivery of the table and
 * sorted them. This one holds the webhook deliveries alone, in the log's order, so a page is the
 * first rows of one index range whatever else the table holds.
 */
export class WebhookDeliveryLogIndex1795870000000 implements MigrationInterface {
  name = 'WebhookDeliveryLogIndex1795870000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "deliveries_webhook_log_idx" ON "deliveries" ("target", "created_at" DESC, "id" DESC) WHERE channel = 'webhook'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."deliveries_webhook_log_idx"`);
  }
}
