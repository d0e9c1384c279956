import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { claimReviewOf, RATING_WORDS } from '../publishing/claimreview';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { Rating } from '../claims/vocabulary';
import { escapeMarkup, jsonForScript, linkable, paragraphs, shorten } from './markup';
import { HTML, rendered, trackerTemplates, type Rendered } from './rendered';
import { claimCard, count, dateOf, scoreboard, totalOf } from './tracker-cards';
import { SCALES, type PublicKind } from './scales';
import { DEFAULT_METHODOLOGY, LIST_WORDING, STANCE_WORDS } from './tracker-words';
import { PAGE_SIZE, type ListedClaim, type PublicClaim, type RatingCounts, type TrackerSite } from './tracker-reader';
import { queryString, TrackerUrls } from './tracker-urls';

export interface ListModel {
  kind: PublicKind;
  counts: RatingCounts;
  items: ListedClaim[];
  rating?: Rating;
  /** The claimant filter as typed, and the name it found (from the first item), if any. */
  claimant?: { query: string; slug: string; name: string | null };
  page: number;
  total: number;
}

export interface ClaimantModel {
  slug: string;
  name: string;
  affiliation: string | null;
  counts: Record<PublicKind, RatingCounts>;
  lists: Record<PublicKind, ListedClaim[]>;
}

/**
 * Renders the tracker's HTML pages (templates in views/, rendered.ts); the cards and scoreboards
 * they share are built in tracker-cards.ts, the Atom feeds in tracker-feed.ts. The stylesheet is
 * read once and served under a name carrying its hash, so it can be cached for a year and a new
 * one is fetched at once.
 */
@Injectable()
export class TrackerPages {
  private readonly eta = trackerTemplates();
  readonly stylesheet: { name: string; body: string; etag: string };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const css = readFileSync(join(__dirname, 'assets', 'tracker.css'), 'utf8');
    const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);
    this.stylesheet = { name: `tracker.${hash}.css`, body: css, etag: `"${hash}"` };
  }

  list(site: TrackerSite, model: ListModel): Rendered {
    const urls = new TrackerUrls(site.slug);
    const wording = LIST_WORDING[model.kind];
    const path = model.kind === 'promise' ? urls.home : urls.factChecks;
    const pages = Math.max(1, Math.ceil(model.total / PAGE_SIZE));
    const query = (page: number) => queryString({ rating: model.rating, claimant: model.claimant?.query, page: page > 1 ? String(page) : undefined });
    const ratingWords = model.rating ? RATING_WORDS[model.rating] : null;
    const claimantName = model.claimant ? (model.claimant.name ?? model.claimant.query) : null;
    const showing =
      ratingWords || claimantName
        ? `Showing ${count(model.total, wording.one, wording.noun)}${ratingWords ? ` rated “${ratingWords}”` : ''}${claimantName ? ` by ${claimantName}` : ''}.`
        : null;
    const siteTitle = site.title ?? site.name;
    const heading = model.kind === 'promise' ? siteTitle : wording.heading;
    const body = this.eta.render('./list', {
      heading,
      intro: model.kind === 'promise' ? paragraphs(site.intro) : [],
      noun: wording.noun,
      listHeading: wording.listHeading,
      scoreboard: scoreboard(model.kind, model.counts, {
        id: `scoreboard-${model.kind}`,
        heading: 'Scoreboard',
        current: model.rating,
        href: (rating) => path + queryString({ rating }),
      }),
      filters: {
        action: path,
        claimant: model.claimant?.query ?? '',
        ratings: SCALES[model.kind].map((step) => ({ value: step.rating, label: step.words, selected: step.rating === model.rating })),
      },
      showing,
      items: model.items.map((item) => claimCard(urls, site, item)),
      empty: showing
        ? `Nothing matches: no ${wording.one} ${ratingWords ? `rated “${ratingWords}”` : ''}${claimantName ? ` by ${claimantName}` : ''}.`
        : wording.empty,
      pager:
        pages > 1
          ? {
              page: model.page,
              pages,
              newer: model.page > 1 ? path + query(model.page - 1) : null,
              older: model.page < pages ? path + query(model.page + 1) : null,
            }
          : null,
    });
    const title = model.kind === 'promise' ? siteTitle : `${wording.heading} — ${siteTitle}`;
    const description =
      model.kind === 'promise'
        ? shorten(
            site.intro ??
              `Which promises were kept, which were broken, and which are still open: ${count(totalOf(model.counts), 'promise', 'promises')} rated.`,
            200,
          )
        : `${count(totalOf(model.counts), 'statement', 'statements')} checked by ${site.name}, with the evidence for each rating.`;
    return this.page(site, urls, {
      title: model.page > 1 ? `${title} (page ${model.page})` : title,
      description,
      canonical: urls.absolute(this.config, path + query(model.page)),
      current: model.kind === 'promise' ? 'home' : 'fact-checks',
      body,
    });
  }

  claimant(site: TrackerSite, model: ClaimantModel): Rendered {
    const urls = new TrackerUrls(site.slug);
    const path = urls.claimant(model.slug);
    const sections = (['promise', 'statement'] as const)
      .filter((kind) => totalOf(model.counts[kind]) > 0)
      .map((kind) => {
        const wording = LIST_WORDING[kind];
        const total = totalOf(model.counts[kind]);
        const listPath = kind === 'promise' ? urls.home : urls.factChecks;
        const filtered = (rating?: Rating) => listPath + queryString({ claimant: model.name, rating });
        return {
          id: `list-${kind}`,
          heading: kind === 'promise' ? `Promises by ${model.name}` : `Statements by ${model.name}`,
          scoreboard: scoreboard(kind, model.counts[kind], {
            id: `scoreboard-${kind}`,
            heading: kind === 'promise' ? 'Promises: scoreboard' : 'Fact-checks: scoreboard',
            href: (rating) => filtered(rating),
          }),
          items: model.lists[kind].map((item) => claimCard(urls, site, item)),
          more: total > model.lists[kind].length ? { href: filtered(), label: `All ${count(total, wording.one, wording.noun)}` } : null,
        };
      });
    const body = this.eta.render('./claimant', { name: model.name, affiliation: model.affiliation, sections, feed: urls.claimantFeed(model.slug) });
    const promises = totalOf(model.counts.promise);
    const statements = totalOf(model.counts.statement);
    const parts = [promises > 0 ? count(promises, 'promise', 'promises') : null, statements > 0 ? count(statements, 'statement', 'statements') : null];
    return this.page(site, urls, {
      title: `${model.name} — ${site.title ?? site.name}`,
      description: `What ${model.name} promised and said, as rated by ${site.name}: ${parts.filter(Boolean).join(' and ')}.`,
      canonical: urls.absolute(this.config, path),
      current: null,
      body,
      feed: { href: urls.claimantFeed(model.slug), title: `${model.name}: new ratings` },
    });
  }

  about(site: TrackerSite): Rendered {
    const urls = new TrackerUrls(site.slug);
    const body = this.eta.render('./about', {
      methodology: paragraphs(site.methodology ?? DEFAULT_METHODOLOGY),
      scales: [
        {
          id: 'scale-promise',
          heading: 'Promises',
          intro: 'A promise is rated by what came of it. The first two ratings are for promises still open.',
          steps: SCALES.promise,
        },
        { id: 'scale-statement', heading: 'Statements', intro: 'A statement is rated by how well the evidence bears it out.', steps: SCALES.statement },
      ],
    });
    return this.page(site, urls, {
      title: `How we rate — ${site.title ?? site.name}`,
      description: `How ${site.name} rates promises and statements, and what each rating means.`,
      canonical: urls.absolute(this.config, urls.about),
      current: 'about',
      body,
    });
  }

  claim(site: TrackerSite, claim: PublicClaim): Rendered {
    const urls = new TrackerUrls(site.slug);
    const path = urls.claim(claim.claimId);
    const canonical = urls.absolute(this.config, path);
    const sourceHref = linkable(claim.sourceUrl);
    const words = RATING_WORDS[claim.rating];
    const review = claimReviewOf(
      {
        text: claim.text,
        claimantName: claim.claimantName,
        claimantAffiliation: claim.claimantAffiliation,
        claimedAt: claim.claimedAt,
        rating: claim.rating,
        publishedAt: claim.publishedAt,
        // The desk's own article when it gave one; otherwise this page is where the review is.
        reviewUrl: linkable(claim.reviewUrl) ?? canonical,
      },
      { workspaceName: site.name, sourceUrl: sourceHref },
    );
    const body = this.eta.render('./claim', {
      kindLabel: claim.kind === 'promise' ? 'Promise' : 'Fact-check',
      text: claim.text,
      claimant: { name: claim.claimantName, affiliation: claim.claimantAffiliation, href: urls.claimant(claim.claimantSlug) },
      claimedAt: claim.claimedAt ? dateOf(claim.claimedAt, site.timezone) : null,
      quote: claim.quote,
      source: claim.sourceTitle || sourceHref ? { title: claim.sourceTitle ?? hostOf(sourceHref!), href: sourceHref } : null,
      rating: { value: claim.rating, words },
      summary: paragraphs(claim.summary),
      rated: dateOf(claim.publishedAt, site.timezone),
      nextCheck: claim.nextCheckAt ? dateOf(claim.nextCheckAt, site.timezone) : null,
      rechecking: claim.rechecking,
      reviewHref: linkable(claim.reviewUrl),
      history: claim.publications.map((p) => ({
        rating: { value: p.rating, words: RATING_WORDS[p.rating] },
        rated: dateOf(p.publishedAt, site.timezone),
        summary: paragraphs(p.summary),
        reviewHref: linkable(p.reviewUrl),
      })),
      evidence: claim.evidence.map((e) => {
        const href = linkable(e.url);
        return {
          stance: e.stance,
          stanceLabel: STANCE_WORDS[e.stance] ?? e.stance,
          description: e.description,
          href,
          host: href ? hostOf(href) : null,
          url: e.url,
        };
      }),
    });
    return this.page(site, urls, {
      title: `${words}: ${claim.text}`,
      description: shorten(`${words}${claim.rechecking ? ' (being re-checked)' : ''}. ${claim.summary}`, 200),
      canonical,
      current: null,
      body,
      og: { type: 'article', title: `${words}: ${shorten(claim.text, 110)}`, publishedTime: claim.publishedAt.toISOString() },
      jsonLd: jsonForScript({ '@context': 'https://schema.org', ...review }),
    });
  }

  notFound(site: TrackerSite | null, message = 'There is no page at this address.'): Rendered {
    return this.error(site, 404, 'Page not found', message);
  }

  badRequest(site: TrackerSite, message: string): Rendered {
    return this.error(site, 400, 'That filter does not exist', message);
  }

  private error(site: TrackerSite | null, status: number, heading: string, message: string): Rendered {
    const urls = site ? new TrackerUrls(site.slug) : null;
    const body = this.eta.render('./error', { heading, message, home: urls?.home ?? null });
    if (!site || !urls) return rendered(status, HTML, this.bare(heading, body));
    const page = this.page(site, urls, {
      title: `${heading} — ${site.title ?? site.name}`,
      description: message,
      canonical: urls.absolute(this.config, urls.home),
      current: null,
      body,
    });
    return { ...page, status };
  }

  /** The error page of an address that names no tracker: no site, so no navigation. */
  private bare(heading: string, body: string): string {
    return this.eta.render('./bare', { title: heading, stylesheet: `/t/_assets/${this.stylesheet.name}`, body });
  }

  private page(
    site: TrackerSite,
    urls: TrackerUrls,
    page: {
      title: string;
      description: string;
      canonical: string;
      current: 'home' | 'fact-checks' | 'about' | null;
      body: string;
      og?: { type: string; title: string; publishedTime?: string };
      jsonLd?: string;
      feed?: { href: string; title: string };
    },
  ): Rendered {
    const siteTitle = site.title ?? site.name;
    const html = this.eta.render('./layout', {
      head: {
        // Search engines and tabs show about 70 characters of a title; a long claim or tracker name is cut at a word.
        title: documentTitle(page.title),
        description: page.description,
        canonical: page.canonical,
        stylesheet: `/t/_assets/${this.stylesheet.name}`,
        feed: page.feed ?? { href: urls.feed, title: `${siteTitle}: new ratings` },
        siteTitle,
        home: urls.home,
        about: urls.about,
        publisher: site.name,
        og: page.og ?? { type: 'website', title: page.title },
        jsonLd: page.jsonLd ?? null,
        nav: [
          { label: LIST_WORDING.promise.nav, href: urls.home, current: page.current === 'home' },
          { label: LIST_WORDING.statement.nav, href: urls.factChecks, current: page.current === 'fact-checks' },
          { label: 'How we rate', href: urls.about, current: page.current === 'about' },
        ],
      },
      body: page.body,
    });
    return rendered(200, HTML, html);
  }
}

/** A title of at most 70 characters as written in the page (html-validate's long-title counts escapes too). */
function documentTitle(title: string): string {
  let max = 70;
  let short = shorten(title, max);
  while (escapeMarkup(short).length > 70 && max > 10) short = shorten(title, (max -= 4));
  return short;
}

function hostOf(url: string): string {
  return new URL(url).host.replace(/^www\./, '');
}
