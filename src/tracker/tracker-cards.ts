import type { Rating } from '../claims/vocabulary';
import { RATING_WORDS } from '../publishing/claimreview';
import { SCALES, type PublicKind } from './scales';
import type { ListedClaim, RatingCounts, TrackerSite } from './tracker-reader';
import type { TrackerUrls } from './tracker-urls';
import { LIST_WORDING } from './tracker-words';

/**
 * The pieces the tracker's pages share: a rated claim's card, a kind's scoreboard, and how they
 * write counts and dates. Plain view models for the templates in views/.
 */

const NUMBERS = new Intl.NumberFormat('en-GB');
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** "1 promise", "1,204 promises". */
export function count(n: number, one: string, many: string): string {
  return `${NUMBERS.format(n)} ${n === 1 ? one : many}`;
}

/** How many claims a scale's counts hold in all. */
export function totalOf(counts: RatingCounts): number {
  return Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
}

/** A date as readers of the desk's own time zone see it: "26 November 2026". */
export function dateOf(at: Date, timezone: string): { iso: string; label: string } {
  let format = DATE_FORMATS.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: timezone });
    DATE_FORMATS.set(timezone, format);
  }
  return { iso: at.toISOString(), label: format.format(at) };
}

/** A rated claim as a list shows it: its text, claimant, rating and dates, with links. */
export function claimCard(urls: TrackerUrls, site: TrackerSite, item: ListedClaim) {
  return {
    id: item.claimId,
    href: urls.claim(item.claimId),
    text: item.text,
    claimant: { name: item.claimantName, affiliation: item.claimantAffiliation, href: urls.claimant(item.claimantSlug) },
    rating: { value: item.rating, words: RATING_WORDS[item.rating] },
    rated: dateOf(item.publishedAt, site.timezone),
    nextCheck: item.nextCheckAt ? dateOf(item.nextCheckAt, site.timezone) : null,
    rechecking: item.rechecking,
  };
}

/** One card per rating of the kind's scale: count, meter, share, and a link to the claims with that rating. */
export function scoreboard(
  kind: PublicKind,
  counts: RatingCounts,
  options: { id: string; heading: string; current?: Rating; href: (rating: Rating) => string },
) {
  const all = totalOf(counts);
  const wording = LIST_WORDING[kind];
  return {
    id: options.id,
    heading: options.heading,
    noun: wording.noun,
    total: NUMBERS.format(all),
    max: Math.max(all, 1),
    totalLine: all === 0 ? wording.empty : `${count(all, wording.one, wording.noun)} rated in all.`,
    steps: SCALES[kind].map((step) => {
      const value = counts[step.rating] ?? 0;
      return {
        rating: step.rating,
        words: step.words,
        value,
        count: NUMBERS.format(value),
        share: share(value, all),
        current: step.rating === options.current,
        href: value > 0 || step.rating === options.current ? options.href(step.rating) : null,
      };
    }),
  };
}

function share(value: number, all: number): string {
  if (all === 0 || value === 0) return '0%';
  const percent = (value * 100) / all;
  return percent < 1 ? 'under 1%' : `${Math.round(percent)}%`;
}
