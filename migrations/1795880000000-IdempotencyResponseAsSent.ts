import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A replayed response must be the first one again, byte for byte (docs/api.md, "Idempotency").
 * `jsonb` stores an object's keys in an order of its own, so a replay came back with its fields
 * reordered; `json` keeps the text as it was written.
 */
export class IdempotencyResponseAsSent1795880000000 implements MigrationInterface {
  name = 'IdempotencyResponseAsSent1795880000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "response_body" TYPE json USING "response_body"::json`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "response_body" TYPE jsonb USING "response_body"::jsonb`);
  }
}
