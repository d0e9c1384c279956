import type { ClaimRecord } from '../claims/claim.record';
import type { Rating } from '../claims/vocabulary';

/**
 * schema.org ClaimReview for a published claim (docs/api.md, "Publishing: ClaimReview").
 * Ordinal statement ratings carry a numeric ratingValue on a 1–5 scale; every rating carries
 * its words in alternateName.
 */
export const RATING_WORDS: Record<Rating, string> = {
  true: 'True',
  mostly_true: 'Mostly true',
  half_true: 'Half true',
  mostly_false: 'Mostly false',
  false: 'False',
  misleading: 'Misleading',
  unproven: 'Unproven',
  kept: 'Promise kept',
  compromise: 'Compromise',
  broken: 'Promise broken',
  in_the_works: 'In the works',
  stalled: 'Stalled',
};

/** The five ordinal statement ratings, best first. */
export const ORDINAL_SCALE: Partial<Record<Rating, number>> = { true: 5, mostly_true: 4, half_true: 3, mostly_false: 2, false: 1 };

export interface ReviewRating {
  '@type': 'Rating';
  alternateName: string;
  ratingValue?: number;
  bestRating?: number;
  worstRating?: number;
}

export function reviewRating(rating: Rating): ReviewRating {
  const value = ORDINAL_SCALE[rating];
  const words = { '@type': 'Rating' as const, alternateName: RATING_WORDS[rating] };
  return value === undefined ? words : { ...words, ratingValue: value, bestRating: 5, worstRating: 1 };
}

export interface ClaimReviewContext {
  workspaceName: string;
  sourceUrl: string | null;
}

export interface ClaimReview {
  '@context'?: 'https://schema.org';
  '@type': 'ClaimReview';
  claimReviewed: string;
  datePublished: string;
  url?: string;
  author: { '@type': 'Organization'; name: string };
  reviewRating: ReviewRating;
  itemReviewed: {
    '@type': 'Claim';
    author: { '@type': 'Person'; name: string; affiliation?: { '@type': 'Organization'; name: string } };
    datePublished?: string;
    appearance?: { '@type': 'CreativeWork'; url: string };
  };
}

/** What a ClaimReview says of a claim: the desk's latest published rating of it. */
export interface ReviewedClaim {
  text: string;
  claimantName: string;
  claimantAffiliation: string | null;
  claimedAt: Date | null;
  rating: Rating;
  publishedAt: Date;
  reviewUrl: string | null;
}

export function toClaimReview(claim: ClaimRecord, context: ClaimReviewContext): ClaimReview {
  if (claim.status !== 'published' || !claim.verdictRating || !claim.publishedAt) throw new Error('only a published claim has a ClaimReview');
  return claimReviewOf({ ...claim, rating: claim.verdictRating, publishedAt: claim.publishedAt }, context);
}

/** The ClaimReview of one published rating (the API's of a published claim; the public tracker's of its copy). */
export function claimReviewOf(claim: ReviewedClaim, context: ClaimReviewContext): ClaimReview {
  const review: ClaimReview = {
    '@type': 'ClaimReview',
    claimReviewed: claim.text,
    datePublished: claim.publishedAt.toISOString(),
    author: { '@type': 'Organization', name: context.workspaceName },
    reviewRating: reviewRating(claim.rating),
    itemReviewed: {
      '@type': 'Claim',
      author: {
        '@type': 'Person',
        name: claim.claimantName,
        ...(claim.claimantAffiliation ? { affiliation: { '@type': 'Organization' as const, name: claim.claimantAffiliation } } : {}),
      },
      ...(claim.claimedAt ? { datePublished: claim.claimedAt.toISOString() } : {}),
      ...(context.sourceUrl ? { appearance: { '@type': 'CreativeWork' as const, url: context.sourceUrl } } : {}),
    },
  };
  if (claim.reviewUrl) review.url = claim.reviewUrl;
  return review;
}
