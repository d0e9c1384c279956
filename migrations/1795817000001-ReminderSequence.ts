import { MigrationInterface, QueryRunner } from 'typeorm';

/** The iCalendar SEQUENCE of a reminder: it rises whenever the reminder is rescheduled. */
export class ReminderSequence1795817000001 implements MigrationInterface {
  name = 'ReminderSequence1795817000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminders" ADD "sequence" integer NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminders" DROP COLUMN "sequence"`);
  }
}
