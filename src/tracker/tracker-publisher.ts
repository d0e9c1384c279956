import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ClaimObservers, type ClaimChange, type ClaimObserver } from '../claims/claim-observers';
import type { ClaimRecord } from '../claims/claim.record';
import type { Tx } from '../database/transaction';
import { claimantSlug } from './claimant-slug';

/** The fields of a claim readers see; an edit of any other (tags, priority, assignee) changes nothing public. */
const PUBLIC_FIELDS = new Set(['text', 'claimant', 'quote']);

/**
 * Keeps the tracker's copy of what was published (tracker_entries, tracker_publications), in the
 * transaction of the change itself:
 * - publishing copies the claim, its source and its evidence, and records the publication;
 * - reopening a published claim only marks its copy "being re-checked": readers keep seeing
 *   the last published rating until the next publication;
 * - an edit of a claim that is published (not reopened) is public at once, as the desk made it.
 */
@Injectable()
export class TrackerPublisher implements ClaimObserver, OnModuleInit {
  constructor(private readonly observers: ClaimObservers) {}

  onModuleInit(): void {
    this.observers.register(this);
  }

  /** A new claim is not published: nothing to copy. */
  reactsToCreation(): boolean {
    return false;
  }

  async onClaimChange(tx: Tx, change: ClaimChange): Promise<void> {
    const { claim } = change;
    if (change.type === 'transitioned') {
      if (change.to === 'published') await this.publish(tx, claim);
      else if (change.from === 'published') await tx.affected(`UPDATE tracker_entries SET rechecking = true WHERE claim_id = $1`, [claim.id]);
    } else if (change.type === 'updated' && claim.status === 'published' && change.fields.some((f) => PUBLIC_FIELDS.has(f))) {
      await tx.affected(
        `UPDATE tracker_entries SET text = $2, claimant_name = $3, claimant_affiliation = $4, claimant_slug = $5, quote = $6 WHERE claim_id = $1`,
        [claim.id, claim.text, claim.claimantName, claim.claimantAffiliation, claimantSlug(claim.claimantName), claim.quote],
      );
    }
  }

  private async publish(tx: Tx, claim: ClaimRecord): Promise<void> {
    if (!claim.verdictRating || !claim.publishedAt) throw new Error(`claim ${claim.id} was published without a verdict`);
    const slug = claimantSlug(claim.claimantName);
    await tx.rows(
      `WITH publication AS (
         INSERT INTO tracker_publications (workspace_id, claim_id, kind, text, claimant_name, claimant_slug, rating, summary, review_url, published_at)
         VALUES ($2::uuid, $1::uuid, $3::text, $4::text, $5::text, $7::text, $10::text, $11::text, $12::text, $13::timestamptz)
       )
       INSERT INTO tracker_entries (claim_id, workspace_id, kind, text, claimant_name, claimant_affiliation, claimant_slug, quote, claimed_at,
                                    source_title, source_url, rating, summary, review_url, published_at, rechecking, evidence)
       SELECT $1, $2, $3, $4, $5, $6::text, $7, $8::text, $9::timestamptz, s.title, s.url, $10, $11, $12, $13, false,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('description', e.description, 'url', e.url, 'stance', e.stance) ORDER BY e.created_at, e.id)
                          FROM evidence e WHERE e.claim_id = $1), '[]')
         FROM (SELECT 1) one LEFT JOIN sources s ON s.id = $14::uuid
       ON CONFLICT (claim_id) DO UPDATE SET
         kind = EXCLUDED.kind, text = EXCLUDED.text, claimant_name = EXCLUDED.claimant_name, claimant_affiliation = EXCLUDED.claimant_affiliation,
         claimant_slug = EXCLUDED.claimant_slug, quote = EXCLUDED.quote, claimed_at = EXCLUDED.claimed_at, source_title = EXCLUDED.source_title,
         source_url = EXCLUDED.source_url, rating = EXCLUDED.rating, summary = EXCLUDED.summary, review_url = EXCLUDED.review_url,
         published_at = EXCLUDED.published_at, rechecking = false, evidence = EXCLUDED.evidence`,
      [
        claim.id,
        claim.workspaceId,
        claim.kind,
        claim.text,
        claim.claimantName,
        claim.claimantAffiliation,
        slug,
        claim.quote,
        claim.claimedAt,
        claim.verdictRating,
        claim.verdictSummary ?? '',
        claim.reviewUrl,
        claim.publishedAt,
        claim.sourceId,
      ],
    );
  }
}
