import { RATINGS_BY_KIND, type Rating } from '../claims/vocabulary';
import { RATING_WORDS } from '../publishing/claimreview';

/** The two kinds the tracker publishes: promises (the tracker's front page) and statements (its fact-checks). */
export type PublicKind = 'promise' | 'statement';

export interface ScaleStep {
  rating: Rating;
  /** The rating in words, as ClaimReview's alternateName gives it. */
  words: string;
  /** What the desk means by it, for the methodology page. */
  meaning: string;
}

/**
 * What each rating means, in the desk's words. Promises are rated on what happened, never on
 * what was meant; the interim ratings say how far things have come while the promise is open.
 */
const MEANINGS: Record<Rating, string> = {
  kept: 'What was promised has happened, completely or in all but small details.',
  compromise: 'Part of it happened, or something smaller or later than what was promised.',
  broken: 'It did not happen: the deadline passed, the plan was dropped, or it can no longer come about.',
  in_the_works: 'Work toward it can be documented — money set aside, a bill tabled, a contract signed — and the promise is still open.',
  stalled: 'Nothing has moved that we can document, or the work was blocked or put aside; the promise is still open.',
  true: 'Accurate, with nothing important left out.',
  mostly_true: 'Accurate on the whole, but it needs a clarification or a missing detail.',
  half_true: 'Partly accurate: important details are missing or it is taken out of its context.',
  mostly_false: 'There is something true in it, but the facts that matter point the other way.',
  false: 'Not accurate.',
  misleading: 'The facts in it may be right, but they are put together so as to leave a false impression.',
  unproven: 'The evidence we could find neither confirms nor refutes it.',
};

function scale(kind: PublicKind): ScaleStep[] {
  return RATINGS_BY_KIND[kind].map((rating) => ({ rating, words: RATING_WORDS[rating], meaning: MEANINGS[rating] }));
}

/** Each scale in the order the scoreboards show it. */
export const SCALES: Record<PublicKind, ScaleStep[]> = { promise: scale('promise'), statement: scale('statement') };

export function isRatingOf(kind: PublicKind, value: string): value is Rating {
  return (RATINGS_BY_KIND[kind] as readonly string[]).includes(value);
}
