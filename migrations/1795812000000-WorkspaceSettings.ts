import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workspace settings (slug, time zone, digest time, escalation, the public tracker), each
 * person's own time zone and digest switch, and `data` on inbox notifications.
 */
export class WorkspaceSettings1795812000000 implements MigrationInterface {
  name = 'WorkspaceSettings1795812000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workspaces" ADD "slug" text`);
    // Existing workspaces get a slug made from their name; a clash or a name with no latin
    // letters or digits falls back on the id.
    await queryRunner.query(`
      WITH made AS (
        SELECT id, left(trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')), 40) AS slug FROM workspaces),
      ranked AS (
        SELECT id, slug, row_number() OVER (PARTITION BY slug ORDER BY id) AS n FROM made)
      UPDATE workspaces w
         SET slug = CASE WHEN length(r.slug) >= 3 AND r.n = 1 THEN r.slug
                         ELSE left(coalesce(nullif(r.slug, ''), 'workspace'), 31) || '-' || left(w.id::text, 8) END
        FROM ranked r WHERE r.id = w.id`);
    await queryRunner.query(`ALTER TABLE "workspaces" ALTER COLUMN "slug" SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "workspaces_slug_key" ON "workspaces" ("slug") `);
    await queryRunner.query(`ALTER TABLE "workspaces" ADD "timezone" text NOT NULL DEFAULT 'UTC'`);
    await queryRunner.query(`ALTER TABLE "workspaces" ADD "digest_at" text NOT NULL DEFAULT '08:00'`);
    await queryRunner.query(`ALTER TABLE "workspaces" ADD "escalate_after" text DEFAULT 'P1D'`);
    await queryRunner.query(`ALTER TABLE "workspaces" ADD "tracker_enabled" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "workspaces" ADD "tracker_title" text`);
    await queryRunner.query(`ALTER TABLE "workspaces" ADD "tracker_intro" text`);
    await queryRunner.query(`ALTER TABLE "workspaces" ADD "tracker_methodology" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "timezone" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "digest" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "inbox_notifications" ADD "data" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbox_notifications" DROP COLUMN "data"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "digest"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "timezone"`);
    await queryRunner.query(`ALTER TABLE "workspaces" DROP COLUMN "tracker_methodology"`);
    await queryRunner.query(`ALTER TABLE "workspaces" DROP COLUMN "tracker_intro"`);
    await queryRunner.query(`ALTER TABLE "workspaces" DROP COLUMN "tracker_title"`);
    await queryRunner.query(`ALTER TABLE "workspaces" DROP COLUMN "tracker_enabled"`);
    await queryRunner.query(`ALTER TABLE "workspaces" DROP COLUMN "escalate_after"`);
    await queryRunner.query(`ALTER TABLE "workspaces" DROP COLUMN "digest_at"`);
    await queryRunner.query(`ALTER TABLE "workspaces" DROP COLUMN "timezone"`);
    await queryRunner.query(`DROP INDEX "public"."workspaces_slug_key"`);
    await queryRunner.query(`ALTER TABLE "workspaces" DROP COLUMN "slug"`);
  }
}
