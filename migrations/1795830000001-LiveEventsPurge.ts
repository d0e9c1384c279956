import { MigrationInterface, QueryRunner } from 'typeorm';

/** Live events are purged after a day (PurgeLiveEventsHandler): find them by age. */
export class LiveEventsPurge1795830000001 implements MigrationInterface {
  name = 'LiveEventsPurge1795830000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "outbox_events_live_created_idx" ON "outbox_events"  ("created_at") WHERE live`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_events_live_created_idx"`);
  }
}
