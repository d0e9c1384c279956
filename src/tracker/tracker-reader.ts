import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Rating } from '../claims/vocabulary';
import type { PublicKind } from './scales';
import type { PublicEvidence } from './tracker-entry.entity';

/** A workspace whose tracker is on, with the settings its pages show. */
export interface TrackerSite {
  workspaceId: string;
  name: string;
  slug: string;
  timezone: string;
  title: string | null;
  intro: string | null;
  methodology: string | null;
  createdAt: Date;
}

/** A claim as a list shows it. */
export interface ListedClaim {
  claimId: string;
  kind: PublicKind;
  text: string;
  claimantName: string;
  claimantAffiliation: string | null;
  claimantSlug: string;
  rating: Rating;
  publishedAt: Date;
  rechecking: boolean;
  nextCheckAt: Date | null;
}

/** A claim as its own page shows it. */
export interface PublicClaim extends ListedClaim {
  quote: string | null;
  claimedAt: Date | null;
  sourceTitle: string | null;
  sourceUrl: string | null;
  summary: string;
  reviewUrl: string | null;
  evidence: PublicEvidence[];
  publications: Publication[];
}

export interface Publication {
  id: string;
  claimId: string;
  kind: PublicKind;
  text: string;
  claimantName: string;
  rating: Rating;
  summary: string;
  reviewUrl: string | null;
  publishedAt: Date;
}

export interface ListQuery {
  kind: PublicKind;
  rating?: Rating;
  claimantSlug?: string;
  /** 1-based. */
  page: number;
}

export type RatingCounts = Partial<Record<Rating, number>>;

export const PAGE_SIZE = 50;
export const FEED_SIZE = 50;

interface EntryRow {
  claim_id: string;
  kind: PublicKind;
  text: string;
  claimant_name: string;
  claimant_affiliation: string | null;
  claimant_slug: string;
  rating: Rating;
  published_at: Date;
  rechecking: boolean;
  next_check_at: Date | null;
}

const LISTED_COLUMNS = `e.claim_id, e.kind, e.text, e.claimant_name, e.claimant_affiliation, e.claimant_slug, e.rating, e.published_at, e.rechecking`;

/**
 * The next follow-up the desk has scheduled for a claim: the "next check" readers see. Only the
 * date leaves the database, never the reminder's message; deadlines and manual reminders are the
 * desk's own business. While a claim is re-checked, its follow-ups belong to that unpublished
 * work, and none is shown.
 */
const NEXT_CHECK = `CASE WHEN e.rechecking THEN NULL ELSE (
    SELECT min(r.due_at) FROM reminders r WHERE r.claim_id = e.claim_id AND r.status = 'scheduled' AND r.kind = 'follow_up'
  ) END AS next_check_at`;

function listed(row: EntryRow): ListedClaim {
  return {
    claimId: row.claim_id,
    kind: row.kind,
    text: row.text,
    claimantName: row.claimant_name,
    claimantAffiliation: row.claimant_affiliation,
    claimantSlug: row.claimant_slug,
    rating: row.rating,
    publishedAt: row.published_at,
    rechecking: row.rechecking,
    nextCheckAt: row.next_check_at,
  };
}

/**
 * Every query of the public tracker. They read only the tracker's own copies of what was
 * published (tracker_entries, tracker_publications) and the dates of scheduled follow-ups: no
 * other table of the desk is reachable from a public page.
 */
@Injectable()
export class TrackerReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The workspace with this slug, if its tracker is on. */
  async site(slug: string): Promise<TrackerSite | null> {
    const [row] = await this.dataSource.query<
      Array<{
        id: string;
        name: string;
        slug: string;
        timezone: string;
        tracker_title: string | null;
        tracker_intro: string | null;
        tracker_methodology: string | null;
        created_at: Date;
      }>
    >(
      `SELECT id, name, slug, timezone, tracker_title, tracker_intro, tracker_methodology, created_at
         FROM workspaces WHERE slug = $1 AND tracker_enabled`,
      [slug],
    );
    if (!row) return null;
    return {
      workspaceId: row.id,
      name: row.name,
      slug: row.slug,
      timezone: row.timezone,
      title: row.tracker_title,
      intro: row.tracker_intro,
      methodology: row.tracker_methodology,
      createdAt: row.created_at,
    };
  }

  /** How many published claims of a kind have each latest rating (from the index alone). */
  async counts(workspaceId: string, kind: PublicKind): Promise<RatingCounts> {
    const rows = await this.dataSource.query<Array<{ rating: Rating; n: number }>>(
      `SELECT rating, count(*)::int AS n FROM tracker_entries WHERE workspace_id = $1 AND kind = $2 GROUP BY rating`,
      [workspaceId, kind],
    );
    return Object.fromEntries(rows.map((r) => [r.rating, r.n]));
  }

  /** One claimant's counts, by kind and rating. */
  async claimantCounts(workspaceId: string, claimantSlug: string): Promise<Record<PublicKind, RatingCounts>> {
    const rows = await this.dataSource.query<Array<{ kind: PublicKind; rating: Rating; n: number }>>(
      `SELECT kind, rating, count(*)::int AS n FROM tracker_entries WHERE workspace_id = $1 AND claimant_slug = $2 GROUP BY kind, rating`,
      [workspaceId, claimantSlug],
    );
    const counts: Record<PublicKind, RatingCounts> = { promise: {}, statement: {} };
    for (const row of rows) counts[row.kind][row.rating] = row.n;
    return counts;
  }

  /**
   * One page of claims, newest rating first. The page is found on the index alone (claim ids),
   * and only its rows are read, so a deep page costs an index walk, not a heap walk.
   */
  async list(workspaceId: string, query: ListQuery): Promise<ListedClaim[]> {
    const params: unknown[] = [workspaceId, query.kind, PAGE_SIZE, (query.page - 1) * PAGE_SIZE];
    let filters = '';
    if (query.rating) filters += ` AND rating = $${params.push(query.rating)}`;
    if (query.claimantSlug !== undefined) filters += ` AND claimant_slug = $${params.push(query.claimantSlug)}`;
    const rows = await this.dataSource.query<EntryRow[]>(
      `SELECT ${LISTED_COLUMNS}, ${NEXT_CHECK}
         FROM (SELECT claim_id FROM tracker_entries WHERE workspace_id = $1 AND kind = $2${filters}
                ORDER BY published_at DESC, claim_id DESC LIMIT $3 OFFSET $4) page
         JOIN tracker_entries e ON e.claim_id = page.claim_id
        ORDER BY e.published_at DESC, e.claim_id DESC`,
      params,
    );
    return rows.map(listed);
  }

  /** How many claims a claimant filter leaves (the unfiltered totals come from counts()). */
  async countForClaimant(workspaceId: string, kind: PublicKind, claimantSlug: string, rating?: Rating): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM tracker_entries WHERE workspace_id = $1 AND claimant_slug = $2 AND kind = $3${rating ? ' AND rating = $4' : ''}`,
      rating ? [workspaceId, claimantSlug, kind, rating] : [workspaceId, claimantSlug, kind],
    );
    return row.n;
  }

  /** A published (or re-checked) claim of the workspace, with its ratings in order; null for anything else. */
  async claim(workspaceId: string, claimId: string): Promise<PublicClaim | null> {
    const [row] = await this.dataSource.query<
      Array<
        EntryRow & {
          quote: string | null;
          claimed_at: Date | null;
          source_title: string | null;
          source_url: string | null;
          summary: string;
          review_url: string | null;
          evidence: PublicEvidence[];
        }
      >
    >(
      `SELECT ${LISTED_COLUMNS}, ${NEXT_CHECK}, e.quote, e.claimed_at, e.source_title, e.source_url, e.summary, e.review_url, e.evidence
         FROM tracker_entries e WHERE e.claim_id = $1 AND e.workspace_id = $2`,
      [claimId, workspaceId],
    );
    if (!row) return null;
    const publications = await this.dataSource.query<PublicationRow[]>(
      `SELECT ${PUBLICATION_COLUMNS} FROM tracker_publications p WHERE p.claim_id = $1 AND p.workspace_id = $2 ORDER BY p.published_at, p.id`,
      [claimId, workspaceId],
    );
    return {
      ...listed(row),
      quote: row.quote,
      claimedAt: row.claimed_at,
      sourceTitle: row.source_title,
      sourceUrl: row.source_url,
      summary: row.summary,
      reviewUrl: row.review_url,
      evidence: row.evidence,
      publications: publications.map(publication),
    };
  }

  /** The latest publications, newest first: the whole tracker's, or one claimant's. */
  async latestPublications(workspaceId: string, claimantSlug?: string): Promise<Publication[]> {
    const rows = await this.dataSource.query<PublicationRow[]>(
      claimantSlug === undefined
        ? `SELECT ${PUBLICATION_COLUMNS} FROM tracker_publications p WHERE p.workspace_id = $1 ORDER BY p.published_at DESC, p.id DESC LIMIT ${FEED_SIZE}`
        : `SELECT ${PUBLICATION_COLUMNS} FROM tracker_publications p WHERE p.workspace_id = $1 AND p.claimant_slug = $2
            ORDER BY p.published_at DESC, p.id DESC LIMIT ${FEED_SIZE}`,
      claimantSlug === undefined ? [workspaceId] : [workspaceId, claimantSlug],
    );
    return rows.map(publication);
  }
}

const PUBLICATION_COLUMNS = `p.id, p.claim_id, p.kind, p.text, p.claimant_name, p.rating, p.summary, p.review_url, p.published_at`;

interface PublicationRow {
  id: string;
  claim_id: string;
  kind: PublicKind;
  text: string;
  claimant_name: string;
  rating: Rating;
  summary: string;
  review_url: string | null;
  published_at: Date;
}

function publication(row: PublicationRow): Publication {
  return {
    id: row.id,
    claimId: row.claim_id,
    kind: row.kind,
    text: row.text,
    claimantName: row.claimant_name,
    rating: row.rating,
    summary: row.summary,
    reviewUrl: row.review_url,
    publishedAt: row.published_at,
  };
}
