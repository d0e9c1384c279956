import { Injectable } from '@nestjs/common';
import type { Rating } from '../claims/vocabulary';
import { claimantSlug } from './claimant-slug';
import { isRatingOf, type PublicKind } from './scales';
import type { Rendered } from './rendered';
import { TrackerFeed } from './tracker-feed';
import { TrackerPages } from './tracker-pages';
import { PAGE_SIZE, TrackerReader, type RatingCounts, type TrackerSite } from './tracker-reader';

/** The query string of a list page as Fastify parsed it: a repeated name is an array. */
export type ListParams = Record<string, string | string[] | undefined>;

/** Addresses that can only be a redirect: the claimant's canonical address. */
export interface Redirect {
  redirect: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Pages are numbered from 1; 100,000 pages of 50 is more than any desk publishes. */
const PAGE_NUMBER = /^[1-9]\d{0,4}$/;

/**
 * The public tracker's pages and feeds (docs/api.md, "The public promise tracker"): each finds the
 * workspace by its slug — a tracker that is off is exactly like one that does not exist — reads
 * what it shows, and renders it. Anything it cannot show is the tracker's 404 page.
 */
@Injectable()
export class TrackerService {
  constructor(
    private readonly reader: TrackerReader,
    private readonly pages: TrackerPages,
    private readonly feeds: TrackerFeed,
  ) {}

  get stylesheet() {
    return this.pages.stylesheet;
  }

  async list(slug: string, kind: PublicKind, params: ListParams): Promise<Rendered> {
    const site = await this.reader.site(slug);
    if (!site) return this.pages.notFound(null);
    const ratingParam = single(params.rating);
    const claimant = single(params.claimant)?.trim();
    const page = single(params.page);
    if (ratingParam === null || claimant === null || page === null) return this.pages.badRequest(site, 'Each filter can be given once.');
    let rating: Rating | undefined;
    if (ratingParam !== undefined) {
      if (!isRatingOf(kind, ratingParam)) return this.pages.badRequest(site, `“${ratingParam}” is not a rating of this page. Choose one from the list.`);
      rating = ratingParam;
    }
    if (page !== undefined && !PAGE_NUMBER.test(page)) return this.pages.notFound(site, 'There is no such page of this list.');
    const pageNumber = page ? Number(page) : 1;

    const slugOfClaimant = claimant ? claimantSlug(claimant) : undefined;
    // The scoreboard, the filter's total and the page are independent: read side by side, on
    // three pooled connections, so a page waits for the slowest statement, not for their sum.
    const [counts, claimantTotal, items] = await Promise.all([
      this.reader.counts(site.workspaceId, kind),
      slugOfClaimant !== undefined ? this.reader.countForClaimant(site.workspaceId, kind, slugOfClaimant, rating) : Promise.resolve(undefined),
      this.reader.list(site.workspaceId, { kind, rating, claimantSlug: slugOfClaimant, page: pageNumber }),
    ]);
    const total = claimantTotal ?? (rating ? (counts[rating] ?? 0) : sum(counts));
    if (pageNumber > 1 && (pageNumber - 1) * PAGE_SIZE >= total) return this.pages.notFound(site, 'There is no such page of this list.');
    return this.pages.list(site, {
      kind,
      counts,
      items,
      rating,
      claimant: claimant && slugOfClaimant !== undefined ? { query: claimant, slug: slugOfClaimant, name: items[0]?.claimantName ?? null } : undefined,
      page: pageNumber,
      total,
    });
  }

  async claimant(slug: string, name: string): Promise<Rendered | Redirect> {
    const site = await this.reader.site(slug);
    if (!site) return this.pages.notFound(null);
    const canonical = claimantSlug(name);
    if (canonical !== name) return { redirect: `/t/${site.slug}/claimants/${encodeURIComponent(canonical)}` };
    const counts = await this.reader.claimantCounts(site.workspaceId, canonical);
    if (sum(counts.promise) + sum(counts.statement) === 0) return this.pages.notFound(site, 'The tracker has published nothing by this claimant.');
    const [promises, statements] = await Promise.all([
      sum(counts.promise) > 0 ? this.reader.list(site.workspaceId, { kind: 'promise', claimantSlug: canonical, page: 1 }) : [],
      sum(counts.statement) > 0 ? this.reader.list(site.workspaceId, { kind: 'statement', claimantSlug: canonical, page: 1 }) : [],
    ]);
    // The name as the desk last published it.
    const latest = [...promises, ...statements].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())[0];
    return this.pages.claimant(site, {
      slug: canonical,
      name: latest.claimantName,
      affiliation: latest.claimantAffiliation,
      counts,
      lists: { promise: promises, statement: statements },
    });
  }

  async about(slug: string): Promise<Rendered> {
    const site = await this.reader.site(slug);
    return site ? this.pages.about(site) : this.pages.notFound(null);
  }

  async claim(slug: string, id: string): Promise<Rendered> {
    const site = await this.reader.site(slug);
    if (!site) return this.pages.notFound(null);
    const claim = UUID.test(id) ? await this.reader.claim(site.workspaceId, id.toLowerCase()) : null;
    return claim ? this.pages.claim(site, claim) : this.pages.notFound(site, 'The tracker has published no claim at this address.');
  }

  async feed(slug: string): Promise<Rendered> {
    const site = await this.reader.site(slug);
    if (!site) return this.pages.notFound(null);
    return this.feeds.render(site, await this.reader.latestPublications(site.workspaceId));
  }

  async claimantFeed(slug: string, name: string): Promise<Rendered | Redirect> {
    const site = await this.reader.site(slug);
    if (!site) return this.pages.notFound(null);
    const canonical = claimantSlug(name);
    if (canonical !== name) return { redirect: `/t/${site.slug}/claimants/${encodeURIComponent(canonical)}/feed.xml` };
    const publications = await this.reader.latestPublications(site.workspaceId, canonical);
    if (publications.length === 0) return this.pages.notFound(site, 'The tracker has published nothing by this claimant.');
    return this.feeds.render(site, publications, { slug: canonical, name: publications[0].claimantName });
  }

  /** Any other address under /t/: the tracker's 404 page, inside the tracker when the slug names one. */
  async unknown(slug: string | undefined): Promise<Rendered> {
    const site: TrackerSite | null = slug ? await this.reader.site(slug) : null;
    return this.pages.notFound(site);
  }
}

/** A query parameter given once (a string), not at all (undefined), or more than once (null). */
function single(value: string | string[] | undefined): string | undefined | null {
  if (Array.isArray(value)) return null;
  return value === '' ? undefined : value;
}

function sum(counts: RatingCounts): number {
  return Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
}
