import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims, their append-only history and their evidence. Besides what TypeORM generates from
 * the entities: the full-text vector kept by a trigger, GIN indexes for text search, tags and
 * claimant substrings (scoped by workspace through btree_gin), and a trigger that makes the
 * history append-only.
 */
export class ClaimsLifecycle1795810965366 implements MigrationInterface {
  name = 'ClaimsLifecycle1795810965366';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."claim_kind" AS ENUM('statement', 'promise', 'opinion')`);
    await queryRunner.query(`CREATE TYPE "public"."claim_priority" AS ENUM('low', 'normal', 'high', 'urgent')`);
    await queryRunner.query(`CREATE TYPE "public"."claim_status" AS ENUM('submitted', 'in_research', 'monitoring', 'in_review', 'published', 'rejected')`);
    await queryRunner.query(
      `CREATE TABLE "claims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "text" text NOT NULL, "kind" "public"."claim_kind" NOT NULL, "claimant_name" text NOT NULL, "claimant_affiliation" text, "quote" text, "source_id" uuid, "claimed_at" TIMESTAMP(3) WITH TIME ZONE, "tags" text array NOT NULL DEFAULT '{}', "priority" "public"."claim_priority" NOT NULL DEFAULT 'normal', "status" "public"."claim_status" NOT NULL DEFAULT 'submitted', "assignee_id" uuid, "due_at" TIMESTAMP(3) WITH TIME ZONE, "follow_up_at" TIMESTAMP(3) WITH TIME ZONE, "verdict_rating" text, "verdict_summary" text, "verdict_proposed_by" uuid, "verdict_proposed_at" TIMESTAMP(3) WITH TIME ZONE, "published_at" TIMESTAMP(3) WITH TIME ZONE, "review_url" text, "evidence_count" integer NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "search_vector" tsvector, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_96c91970c0dcb2f69fdccd0a698" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "claims_ws_priority_idx" ON "claims"  ("workspace_id", "priority", "updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "claims_ws_due_idx" ON "claims"  ("workspace_id", "due_at", "id") `);
    await queryRunner.query(`CREATE INDEX "claims_ws_assignee_updated_idx" ON "claims"  ("workspace_id", "assignee_id", "updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "claims_ws_kind_updated_idx" ON "claims"  ("workspace_id", "kind", "updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "claims_ws_status_updated_idx" ON "claims"  ("workspace_id", "status", "updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "claims_ws_updated_idx" ON "claims"  ("workspace_id", "updated_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "claim_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "workspace_id" uuid NOT NULL, "claim_id" uuid NOT NULL, "type" text NOT NULL, "actor_id" uuid, "data" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_80155c96869c58af00970213e98" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "claim_events_claim_seq_idx" ON "claim_events"  ("claim_id", "seq") `);
    await queryRunner.query(`CREATE TYPE "public"."evidence_stance" AS ENUM('supports', 'refutes', 'context')`);
    await queryRunner.query(
      `CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "claim_id" uuid NOT NULL, "description" text NOT NULL, "url" text, "stance" "public"."evidence_stance" NOT NULL, "added_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "evidence_claim_created_idx" ON "evidence"  ("claim_id", "created_at", "id") `);
    await queryRunner.query(
      `ALTER TABLE "claims" ADD CONSTRAINT "FK_e2dcfea17d96f16fc405e2d88d5" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "claims" ADD CONSTRAINT "FK_5a5e688b25182c70e5601e23773" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "claims" ADD CONSTRAINT "FK_8490bdc93ac2749f5541aa792e4" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "claim_events" ADD CONSTRAINT "FK_fc4b5cdff8954c3719def21fc0d" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "claim_events" ADD CONSTRAINT "FK_e76c01d8a5a9f9bde5cec7b1183" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_f3159733eca165f3abf9bec5dd7" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_59798917add87571de293002635" FOREIGN KEY ("added_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await queryRunner.query(`
            CREATE FUNCTION claims_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search_vector := to_tsvector('english', NEW.text || ' ' || COALESCE(NEW.quote, '') || ' ' || NEW.claimant_name);
                RETURN NEW;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER claims_search_vector BEFORE INSERT OR UPDATE OF text, quote, claimant_name ON claims FOR EACH ROW EXECUTE FUNCTION claims_search_vector()`,
    );
    await queryRunner.query(`CREATE INDEX "claims_search_idx" ON "claims" USING gin ("workspace_id", "search_vector")`);
    await queryRunner.query(`CREATE INDEX "claims_tags_idx" ON "claims" USING gin ("workspace_id", "tags")`);
    await queryRunner.query(`CREATE INDEX "claims_claimant_trgm_idx" ON "claims" USING gin ("workspace_id", "claimant_name" gin_trgm_ops)`);
    await queryRunner.query(`
            CREATE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'claim history is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER claim_events_append_only BEFORE UPDATE OR DELETE ON claim_events FOR EACH ROW EXECUTE FUNCTION claim_events_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER claim_events_no_truncate BEFORE TRUNCATE ON claim_events FOR EACH STATEMENT EXECUTE FUNCTION claim_events_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER claim_events_no_truncate ON claim_events`);
    await queryRunner.query(`DROP TRIGGER claim_events_append_only ON claim_events`);
    await queryRunner.query(`DROP FUNCTION claim_events_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."claims_claimant_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_tags_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_search_idx"`);
    await queryRunner.query(`DROP TRIGGER claims_search_vector ON claims`);
    await queryRunner.query(`DROP FUNCTION claims_search_vector()`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_59798917add87571de293002635"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_f3159733eca165f3abf9bec5dd7"`);
    await queryRunner.query(`ALTER TABLE "claim_events" DROP CONSTRAINT "FK_e76c01d8a5a9f9bde5cec7b1183"`);
    await queryRunner.query(`ALTER TABLE "claim_events" DROP CONSTRAINT "FK_fc4b5cdff8954c3719def21fc0d"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP CONSTRAINT "FK_8490bdc93ac2749f5541aa792e4"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP CONSTRAINT "FK_5a5e688b25182c70e5601e23773"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP CONSTRAINT "FK_e2dcfea17d96f16fc405e2d88d5"`);
    await queryRunner.query(`DROP INDEX "public"."evidence_claim_created_idx"`);
    await queryRunner.query(`DROP TABLE "evidence"`);
    await queryRunner.query(`DROP TYPE "public"."evidence_stance"`);
    await queryRunner.query(`DROP INDEX "public"."claim_events_claim_seq_idx"`);
    await queryRunner.query(`DROP TABLE "claim_events"`);
    await queryRunner.query(`DROP INDEX "public"."claims_ws_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_ws_status_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_ws_kind_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_ws_assignee_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_ws_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_ws_priority_idx"`);
    await queryRunner.query(`DROP TABLE "claims"`);
    await queryRunner.query(`DROP TYPE "public"."claim_status"`);
    await queryRunner.query(`DROP TYPE "public"."claim_priority"`);
    await queryRunner.query(`DROP TYPE "public"."claim_kind"`);
  }
}
