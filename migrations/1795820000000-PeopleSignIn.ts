import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People sign in: a password hash on users (argon2id), server-side sessions stored by the
 * SHA-256 of their cookie value, and one-time codes (invitations, password resets) stored the same way.
 */
export class PeopleSignIn1795820000000 implements MigrationInterface {
  name = 'PeopleSignIn1795820000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "password_hash" text`);
    await queryRunner.query(`CREATE TABLE "sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "token_hash" bytea NOT NULL,
      "user_agent" text,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "ended_at" TIMESTAMP(3) WITH TIME ZONE,
      CONSTRAINT "sessions_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "sessions_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "sessions_user_open_idx" ON "sessions" ("user_id", "created_at") WHERE "ended_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "sign_in_codes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "purpose" text NOT NULL,
      "code_hash" bytea NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "used_at" TIMESTAMP(3) WITH TIME ZONE,
      CONSTRAINT "sign_in_codes_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "sign_in_codes_purpose_check" CHECK ("purpose" IN ('invitation', 'reset')),
      CONSTRAINT "sign_in_codes_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "sign_in_codes_code_hash_key" ON "sign_in_codes" ("code_hash")`);
    await queryRunner.query(`CREATE INDEX "sign_in_codes_user_open_idx" ON "sign_in_codes" ("user_id", "purpose") WHERE "used_at" IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sign_in_codes"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "password_hash"`);
  }
}
