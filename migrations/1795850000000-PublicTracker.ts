import { MigrationInterface, QueryRunner } from 'typeorm';
import { claimantSlug } from '../src/tracker/claimant-slug';

const BATCH = 1000;

/** The value of a claim field as it stood just before history entry `anchor` (null: as it is now). */
const fieldAt = (field: 'text' | 'claimant' | 'quote', anchor: string, current: string) => `
  COALESCE((SELECT u.data->'before'->'${field}' FROM claim_events u
             WHERE u.claim_id = c.id AND u.type = 'claim.updated' AND u.seq > ${anchor} AND u.data->'before' ? '${field}'
             ORDER BY u.seq LIMIT 1), ${current})`;

/**
 * The public tracker reads copies of what was published (src/tracker): tracker_entries, one row
 * per claim published at least once, and tracker_publications, one row per publication. The
 * claims published before this migration get theirs from the append-only history: each
 * publication's verdict and review link, and the text, claimant and quote as they stood then
 * (the `before` of the first edit after that moment, else today's). A claim reopened since its
 * last publication shows what it was when it was reopened, with the evidence it had then.
 */
export class PublicTracker1795850000000 implements MigrationInterface {
  name = 'PublicTracker1795850000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tracker_entries" ("claim_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "kind" text NOT NULL, "text" text NOT NULL, "claimant_name" text NOT NULL, "claimant_affiliation" text, "claimant_slug" text NOT NULL, "quote" text, "claimed_at" TIMESTAMP(3) WITH TIME ZONE, "source_title" text, "source_url" text, "rating" text NOT NULL, "summary" text NOT NULL, "review_url" text, "published_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "rechecking" boolean NOT NULL DEFAULT false, "evidence" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_cc557e8c2590b5d3fddea7decf1" PRIMARY KEY ("claim_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "tracker_entries_rating_idx" ON "tracker_entries"  ("workspace_id", "kind", "rating", "published_at", "claim_id") `);
    await queryRunner.query(`CREATE INDEX "tracker_entries_kind_idx" ON "tracker_entries"  ("workspace_id", "kind", "published_at", "claim_id") `);
    // A claimant's page counts their ratings from the index alone (INCLUDE), then lists by date.
    await queryRunner.query(
      `CREATE INDEX "tracker_entries_claimant_idx" ON "tracker_entries" ("workspace_id", "claimant_slug", "kind", "published_at", "claim_id") INCLUDE ("rating")`,
    );
    await queryRunner.query(
      `CREATE TABLE "tracker_publications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "claim_id" uuid NOT NULL, "kind" text NOT NULL, "text" text NOT NULL, "claimant_name" text NOT NULL, "claimant_slug" text NOT NULL, "rating" text NOT NULL, "summary" text NOT NULL, "review_url" text, "published_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bf1d7327debd460c8346f2d5599" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "tracker_publications_claimant_idx" ON "tracker_publications"  ("workspace_id", "claimant_slug", "published_at", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "tracker_publications_ws_idx" ON "tracker_publications"  ("workspace_id", "published_at", "id") `);
    await queryRunner.query(`CREATE INDEX "tracker_publications_claim_idx" ON "tracker_publications"  ("claim_id", "published_at") `);
    await queryRunner.query(
      `ALTER TABLE "tracker_entries" ADD CONSTRAINT "FK_cc557e8c2590b5d3fddea7decf1" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tracker_entries" ADD CONSTRAINT "FK_d531b9941e7ee22d3baa4c4351e" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tracker_publications" ADD CONSTRAINT "FK_eccb83654ba9a7e944cfdbbac89" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await this.backfillPublications(queryRunner);
    await this.backfillEntries(queryRunner);
  }

  private async backfillPublications(queryRunner: QueryRunner): Promise<void> {
    let after = '0';
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT e.seq, e.workspace_id, e.claim_id, c.kind, e.at,
                e.data->'verdict'->>'rating' AS rating, COALESCE(e.data->'verdict'->>'summary', '') AS summary, e.data->>'reviewUrl' AS review_url,
                ${fieldAt('text', 'e.seq', 'to_jsonb(c.text)')} #>> '{}' AS text,
                ${fieldAt('claimant', 'e.seq', "jsonb_build_object('name', c.claimant_name)")} ->> 'name' AS claimant_name
           FROM claim_events e JOIN claims c ON c.id = e.claim_id
          WHERE e.type = 'claim.transitioned' AND e.data->>'to' = 'published' AND e.data->'verdict'->>'rating' IS NOT NULL AND e.seq > $1
          ORDER BY e.seq LIMIT ${BATCH}`,
        [after],
      )) as Array<{
        seq: string;
        workspace_id: string;
        claim_id: string;
        kind: string;
        at: Date;
        rating: string;
        summary: string;
        review_url: string | null;
        text: string;
        claimant_name: string;
      }>;
      if (rows.length === 0) return;
      await queryRunner.query(
        `INSERT INTO tracker_publications (workspace_id, claim_id, kind, text, claimant_name, claimant_slug, rating, summary, review_url, published_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])`,
        [
          rows.map((r) => r.workspace_id),
          rows.map((r) => r.claim_id),
          rows.map((r) => r.kind),
          rows.map((r) => r.text),
          rows.map((r) => r.claimant_name),
          rows.map((r) => claimantSlug(r.claimant_name)),
          rows.map((r) => r.rating),
          rows.map((r) => r.summary),
          rows.map((r) => r.review_url),
          rows.map((r) => r.at),
        ],
      );
      after = rows[rows.length - 1].seq;
    }
  }

  private async backfillEntries(queryRunner: QueryRunner): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      // anchor: the reopening after the last publication, if the claim is not published now.
      const rows = (await queryRunner.query(
        `WITH latest AS (
           SELECT DISTINCT ON (p.claim_id) p.claim_id, p.rating, p.summary, p.review_url, p.published_at
             FROM tracker_publications p WHERE p.claim_id > $1 ORDER BY p.claim_id, p.published_at DESC LIMIT ${BATCH}
         ), anchored AS (
           SELECT l.*, c.status <> 'published' AS rechecking,
                  CASE WHEN c.status = 'published' THEN 9223372036854775807
                       ELSE COALESCE((SELECT min(r.seq) FROM claim_events r WHERE r.claim_id = l.claim_id AND r.type = 'claim.transitioned'
                                         AND r.data->>'from' = 'published' AND r.at >= l.published_at), 9223372036854775807) END AS anchor
             FROM latest l JOIN claims c ON c.id = l.claim_id
         )
         SELECT a.claim_id, c.workspace_id, c.kind, a.rating, a.summary, a.review_url, a.published_at, a.rechecking, c.claimed_at,
                s.title AS source_title, s.url AS source_url,
                ${fieldAt('text', 'a.anchor', 'to_jsonb(c.text)')} #>> '{}' AS text,
                ${fieldAt('claimant', 'a.anchor', "jsonb_build_object('name', c.claimant_name, 'affiliation', c.claimant_affiliation)")} AS claimant,
                ${fieldAt('quote', 'a.anchor', 'to_jsonb(c.quote)')} #>> '{}' AS quote,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('description', ad.data->>'description', 'url', ad.data->'url', 'stance', ad.data->>'stance') ORDER BY ad.seq)
                            FROM claim_events ad
                           WHERE ad.claim_id = a.claim_id AND ad.type = 'evidence.added' AND ad.seq < a.anchor
                             AND NOT EXISTS (SELECT 1 FROM claim_events rm WHERE rm.claim_id = a.claim_id AND rm.type = 'evidence.removed'
                                               AND rm.seq < a.anchor AND rm.data->>'evidenceId' = ad.data->>'evidenceId')), '[]') AS evidence
           FROM anchored a JOIN claims c ON c.id = a.claim_id LEFT JOIN sources s ON s.id = c.source_id
          ORDER BY a.claim_id`,
        [after],
      )) as Array<{
        claim_id: string;
        workspace_id: string;
        kind: string;
        rating: string;
        summary: string;
        review_url: string | null;
        published_at: Date;
        rechecking: boolean;
        claimed_at: Date | null;
        source_title: string | null;
        source_url: string | null;
        text: string;
        claimant: { name: string; affiliation?: string | null };
        quote: string | null;
        evidence: unknown[];
      }>;
      if (rows.length === 0) return;
      await queryRunner.query(
        `INSERT INTO tracker_entries (claim_id, workspace_id, kind, text, claimant_name, claimant_affiliation, claimant_slug, quote, claimed_at,
                                      source_title, source_url, rating, summary, review_url, published_at, rechecking, evidence)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[],
                              $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::timestamptz[], $16::boolean[], $17::jsonb[])`,
        [
          rows.map((r) => r.claim_id),
          rows.map((r) => r.workspace_id),
          rows.map((r) => r.kind),
          rows.map((r) => r.text),
          rows.map((r) => r.claimant.name),
          rows.map((r) => r.claimant.affiliation ?? null),
          rows.map((r) => claimantSlug(r.claimant.name)),
          rows.map((r) => r.quote),
          rows.map((r) => r.claimed_at),
          rows.map((r) => r.source_title),
          rows.map((r) => r.source_url),
          rows.map((r) => r.rating),
          rows.map((r) => r.summary),
          rows.map((r) => r.review_url),
          rows.map((r) => r.published_at),
          rows.map((r) => r.rechecking),
          rows.map((r) => JSON.stringify(r.evidence)),
        ],
      );
      after = rows[rows.length - 1].claim_id;
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tracker_publications" DROP CONSTRAINT "FK_eccb83654ba9a7e944cfdbbac89"`);
    await queryRunner.query(`ALTER TABLE "tracker_entries" DROP CONSTRAINT "FK_d531b9941e7ee22d3baa4c4351e"`);
    await queryRunner.query(`ALTER TABLE "tracker_entries" DROP CONSTRAINT "FK_cc557e8c2590b5d3fddea7decf1"`);
    await queryRunner.query(`DROP INDEX "public"."tracker_publications_claim_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tracker_publications_ws_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tracker_publications_claimant_idx"`);
    await queryRunner.query(`DROP TABLE "tracker_publications"`);
    await queryRunner.query(`DROP INDEX "public"."tracker_entries_claimant_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tracker_entries_kind_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tracker_entries_rating_idx"`);
    await queryRunner.query(`DROP TABLE "tracker_entries"`);
  }
}
