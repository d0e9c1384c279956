import { MigrationInterface, QueryRunner } from 'typeorm';

/** Workspaces, users and their tokens; idempotency keys; the instance key for sealed secrets. */
export class Foundation1795809870075 implements MigrationInterface {
  name = 'Foundation1795809870075';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "workspaces" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_098656ae401f3e1a4586f47fd8e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "workspaces_name_key" ON "workspaces"  ("name") `);
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('checker', 'editor', 'admin')`);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "role" "public"."user_role" NOT NULL, "active" boolean NOT NULL DEFAULT true, "is_instance_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "users_workspace_created_idx" ON "users"  ("workspace_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_workspace_email_key" ON "users"  ("workspace_id", "email") `);
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "api_tokens_user_idx" ON "api_tokens"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "instance_keys" ("name" text NOT NULL, "key" bytea NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4bb66a5f6f9a5b1b258643e4bc" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("scope" uuid NOT NULL, "key" text NOT NULL, "request_hash" bytea NOT NULL, "response_status" integer, "response_body" jsonb, "response_headers" jsonb, "locked_until" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_15de2f76fa9f27ad8f330983607" PRIMARY KEY ("scope", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys"  ("expires_at") `);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_9ef32eab3ccaf4744fd36317c15" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_b74883f5884a42fd8496d389b25" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_b74883f5884a42fd8496d389b25"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_9ef32eab3ccaf4744fd36317c15"`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_expires_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "instance_keys"`);
    await queryRunner.query(`DROP INDEX "public"."api_tokens_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."api_tokens_hash_key"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."users_workspace_email_key"`);
    await queryRunner.query(`DROP INDEX "public"."users_workspace_created_idx"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."workspaces_name_key"`);
    await queryRunner.query(`DROP TABLE "workspaces"`);
  }
}
