import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `escalateAfter` is now at most P100Y (docs/api.md, "Workspace settings"). A longer one stored
 * before — P1000000Y, or a count of days PostgreSQL cannot even read as an interval — broke the
 * escalation sweep, which reads every workspace in one statement, for every workspace. Such a
 * value becomes P100Y: it escalated nothing in practice, and still does not.
 */
export class EscalateAfterBounded1795880000001 implements MigrationInterface {
  name = 'EscalateAfterBounded1795880000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      DECLARE workspace record;
      BEGIN
        FOR workspace IN SELECT id, escalate_after FROM workspaces WHERE escalate_after IS NOT NULL LOOP
          BEGIN
            IF workspace.escalate_after::interval > interval '100 years' THEN
              UPDATE workspaces SET escalate_after = 'P100Y' WHERE id = workspace.id;
            END IF;
          EXCEPTION WHEN datetime_field_overflow OR interval_field_overflow OR invalid_datetime_format THEN
            UPDATE workspaces SET escalate_after = 'P100Y' WHERE id = workspace.id;
          END;
        END LOOP;
      END $$`);
  }

  public async down(): Promise<void> {
    // The values replaced were unusable; there is nothing to put back.
  }
}
