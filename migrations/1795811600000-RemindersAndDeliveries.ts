import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminders and their firings; the outbox, deliveries, inbox and webhooks. */
export class RemindersAndDeliveries1795811600000 implements MigrationInterface {
  name = 'RemindersAndDeliveries1795811600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "type" text NOT NULL, "payload" jsonb NOT NULL, "notice" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "outbox_events_undispatched_idx" ON "outbox_events"  ("created_at") WHERE dispatched_at IS NULL`);
    await queryRunner.query(`CREATE TYPE "public"."delivery_channel" AS ENUM('inbox', 'email', 'webhook')`);
    await queryRunner.query(`CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'delivered', 'failed', 'dead', 'skipped')`);
    await queryRunner.query(
      `CREATE TABLE "deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "event_id" uuid NOT NULL, "channel" "public"."delivery_channel" NOT NULL, "target" text NOT NULL, "status" "public"."delivery_status" NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "max_attempts" integer NOT NULL, "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE, "lease_until" TIMESTAMP(3) WITH TIME ZONE, "last_error" text, "delivered_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "deliveries_status_idx" ON "deliveries"  ("status") `);
    await queryRunner.query(`CREATE INDEX "deliveries_due_idx" ON "deliveries"  ("next_attempt_at") WHERE status IN ('pending', 'failed')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "deliveries_event_channel_target_key" ON "deliveries"  ("event_id", "channel", "target") `);
    await queryRunner.query(
      `CREATE TABLE "inbox_notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "user_id" uuid NOT NULL, "event_id" uuid NOT NULL, "type" text NOT NULL, "message" text NOT NULL, "refs" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_4be13fe6bbda895aea731fd8390" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "inbox_user_unread_idx" ON "inbox_notifications"  ("user_id", "created_at", "id") WHERE read_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "inbox_user_created_idx" ON "inbox_notifications"  ("user_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "inbox_event_user_key" ON "inbox_notifications"  ("event_id", "user_id") `);
    await queryRunner.query(
      `CREATE TABLE "webhooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "url" text NOT NULL, "events" text array NOT NULL, "secret_sealed" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "disabled_reason" text, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "webhooks_workspace_created_idx" ON "webhooks"  ("workspace_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."reminder_kind" AS ENUM('manual', 'follow_up', 'deadline')`);
    await queryRunner.query(`CREATE TYPE "public"."reminder_status" AS ENUM('scheduled', 'done', 'cancelled')`);
    await queryRunner.query(
      `CREATE TABLE "reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "claim_id" uuid NOT NULL, "kind" "public"."reminder_kind" NOT NULL, "message" text NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "every" text, "until" TIMESTAMP(3) WITH TIME ZONE, "status" "public"."reminder_status" NOT NULL DEFAULT 'scheduled', "fired_count" integer NOT NULL DEFAULT '0', "last_fired_at" TIMESTAMP(3) WITH TIME ZONE, "enqueued_for" TIMESTAMP(3) WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_38715fec7f634b72c6cf7ea4893" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "reminders_one_deadline_key" ON "reminders"  ("claim_id") WHERE kind = 'deadline' AND status = 'scheduled'`);
    await queryRunner.query(`CREATE INDEX "reminders_ws_status_due_idx" ON "reminders"  ("workspace_id", "status", "due_at", "id") `);
    await queryRunner.query(`CREATE INDEX "reminders_ws_due_idx" ON "reminders"  ("workspace_id", "due_at", "id") `);
    await queryRunner.query(`CREATE INDEX "reminders_claim_idx" ON "reminders"  ("claim_id", "due_at", "id") `);
    await queryRunner.query(`CREATE INDEX "reminders_scheduled_due_idx" ON "reminders"  ("due_at") WHERE status = 'scheduled'`);
    await queryRunner.query(
      `CREATE TABLE "reminder_firings" ("reminder_id" uuid NOT NULL, "occurrence" integer NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "event_id" uuid NOT NULL, CONSTRAINT "PK_2520a7c88950708ffda5e93421f" PRIMARY KEY ("reminder_id", "occurrence"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "reminder_firings_event_key" ON "reminder_firings"  ("event_id") `);
    await queryRunner.query(
      `ALTER TABLE "deliveries" ADD CONSTRAINT "FK_6a9b04f909fedcc6438b48b90c1" FOREIGN KEY ("event_id") REFERENCES "outbox_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbox_notifications" ADD CONSTRAINT "FK_1e585de8fc606a8ff83c11bbd37" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbox_notifications" ADD CONSTRAINT "FK_c9874513e00137092d651bbc29f" FOREIGN KEY ("event_id") REFERENCES "outbox_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "FK_e89ac408a8f856132ce20dacf17" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder_firings" ADD CONSTRAINT "FK_94cee2747c38b43272d4d9fda54" FOREIGN KEY ("reminder_id") REFERENCES "reminders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder_firings" ADD CONSTRAINT "FK_82d67f947be745b7439eadca74e" FOREIGN KEY ("event_id") REFERENCES "outbox_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminder_firings" DROP CONSTRAINT "FK_82d67f947be745b7439eadca74e"`);
    await queryRunner.query(`ALTER TABLE "reminder_firings" DROP CONSTRAINT "FK_94cee2747c38b43272d4d9fda54"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "FK_e89ac408a8f856132ce20dacf17"`);
    await queryRunner.query(`ALTER TABLE "inbox_notifications" DROP CONSTRAINT "FK_c9874513e00137092d651bbc29f"`);
    await queryRunner.query(`ALTER TABLE "inbox_notifications" DROP CONSTRAINT "FK_1e585de8fc606a8ff83c11bbd37"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "FK_6a9b04f909fedcc6438b48b90c1"`);
    await queryRunner.query(`DROP INDEX "public"."reminder_firings_event_key"`);
    await queryRunner.query(`DROP TABLE "reminder_firings"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_scheduled_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_claim_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_ws_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_ws_status_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_one_deadline_key"`);
    await queryRunner.query(`DROP TABLE "reminders"`);
    await queryRunner.query(`DROP TYPE "public"."reminder_status"`);
    await queryRunner.query(`DROP TYPE "public"."reminder_kind"`);
    await queryRunner.query(`DROP INDEX "public"."webhooks_workspace_created_idx"`);
    await queryRunner.query(`DROP TABLE "webhooks"`);
    await queryRunner.query(`DROP INDEX "public"."inbox_event_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."inbox_user_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inbox_user_unread_idx"`);
    await queryRunner.query(`DROP TABLE "inbox_notifications"`);
    await queryRunner.query(`DROP INDEX "public"."deliveries_event_channel_target_key"`);
    await queryRunner.query(`DROP INDEX "public"."deliveries_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."deliveries_status_idx"`);
    await queryRunner.query(`DROP TABLE "deliveries"`);
    await queryRunner.query(`DROP TYPE "public"."delivery_status"`);
    await queryRunner.query(`DROP TYPE "public"."delivery_channel"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_events_undispatched_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_events"`);
  }
}
