import type { ClaimRecord } from '../claims/claim.record';
import { ALL_RATINGS, RATINGS_BY_KIND, type Rating } from '../claims/vocabulary';
import { reviewRating, toClaimReview } from './claimreview';

const published: ClaimRecord = {
  id: '7c1b0f9e-3d1a-4c55-9a55-0a2f7e4b1c11',
  workspaceId: 'ws',
  text: 'Kenya has spent Ksh 2.1 billion on the Haiti mission',
  kind: 'statement',
  claimantName: "Korir Sing'Oei",
  claimantAffiliation: 'Principal Secretary, Foreign Affairs',
  quote: null,
  sourceId: 'src',
  claimedAt: new Date('2026-11-20T09:00:00Z'),
  tags: [],
  priority: 'normal',
  status: 'published',
  assigneeId: null,
  assigneeName: null,
  dueAt: null,
  followUpAt: null,
  verdictRating: 'mostly_true',
  verdictSummary: 'Treasury documents show Ksh 2.06 billion.',
  verdictProposedBy: 'u1',
  verdictProposedAt: new Date('2026-11-25T10:00:00Z'),
  publishedAt: new Date('2026-11-26T08:30:00Z'),
  reviewUrl: 'https://desk.example/checks/haiti-spending',
  evidenceCount: 2,
  version: 6,
  createdAt: new Date('2026-11-21T00:00:00Z'),
  updatedAt: new Date('2026-11-26T08:30:00Z'),
};

describe('ClaimReview rating mapping', () => {
  const expected: Record<Rating, { alternateName: string; ratingValue?: number }> = {
    true: { alternateName: 'True', ratingValue: 5 },
    mostly_true: { alternateName: 'Mostly true', ratingValue: 4 },
    half_true: { alternateName: 'Half true', ratingValue: 3 },
    mostly_false: { alternateName: 'Mostly false', ratingValue: 2 },
    false: { alternateName: 'False', ratingValue: 1 },
    misleading: { alternateName: 'Misleading' },
    unproven: { alternateName: 'Unproven' },
    kept: { alternateName: 'Promise kept' },
    compromise: { alternateName: 'Compromise' },
    broken: { alternateName: 'Promise broken' },
    in_the_works: { alternateName: 'In the works' },
    stalled: { alternateName: 'Stalled' },
  };

  it('covers every rating of every kind', () => {
    expect(Object.keys(expected).sort()).toEqual([...ALL_RATINGS].sort());
  });

  it.each(ALL_RATINGS)('maps %s', (rating) => {
    const mapped = reviewRating(rating);
    expect(mapped['@type']).toBe('Rating');
    expect(mapped.alternateName).toBe(expected[rating].alternateName);
    if (expected[rating].ratingValue === undefined) {
      expect(mapped).not.toHaveProperty('ratingValue');
      expect(mapped).not.toHaveProperty('bestRating');
    } else {
      expect(mapped).toMatchObject({ ratingValue: expected[rating].ratingValue, bestRating: 5, worstRating: 1 });
    }
  });

  it('orders the ordinal statement ratings from worst to best', () => {
    const ordinal = RATINGS_BY_KIND.statement.filter((r) => reviewRating(r).ratingValue !== undefined);
    expect(ordinal.map((r) => reviewRating(r).ratingValue)).toEqual([5, 4, 3, 2, 1]);
  });
});

describe('toClaimReview', () => {
  it('describes the claim, the claimant, the source and the desk', () => {
    expect(toClaimReview(published, { workspaceName: 'Nairobi Fact Desk', sourceUrl: 'https://news.example/haiti' })).toEqual({
      '@type': 'ClaimReview',
      claimReviewed: published.text,
      datePublished: '2026-11-26T08:30:00.000Z',
      url: 'https://desk.example/checks/haiti-spending',
      author: { '@type': 'Organization', name: 'Nairobi Fact Desk' },
      reviewRating: { '@type': 'Rating', alternateName: 'Mostly true', ratingValue: 4, bestRating: 5, worstRating: 1 },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: "Korir Sing'Oei", affiliation: { '@type': 'Organization', name: 'Principal Secretary, Foreign Affairs' } },
        datePublished: '2026-11-20T09:00:00.000Z',
        appearance: { '@type': 'CreativeWork', url: 'https://news.example/haiti' },
      },
    });
  });

  it('leaves out what the desk has not recorded', () => {
    const review = toClaimReview({ ...published, reviewUrl: null, claimedAt: null, claimantAffiliation: null }, { workspaceName: 'Desk', sourceUrl: null });
    expect(review).not.toHaveProperty('url');
    expect(review.itemReviewed).toEqual({ '@type': 'Claim', author: { '@type': 'Person', name: "Korir Sing'Oei" } });
  });

  it('refuses a claim that is not published', () => {
    expect(() => toClaimReview({ ...published, status: 'in_review' }, { workspaceName: 'Desk', sourceUrl: null })).toThrow();
  });
});
