/** The words of a claim (docs/api.md, "Claims" and "The lifecycle"). */
export const CLAIM_KINDS = ['statement', 'promise', 'opinion'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const STATUSES = ['submitted', 'in_research', 'monitoring', 'in_review', 'published', 'rejected'] as const;
export type ClaimStatus = (typeof STATUSES)[number];

/** Ratings by kind; an opinion takes none (it is rejected, not rated). */
export const RATINGS_BY_KIND = {
  statement: ['true', 'mostly_true', 'half_true', 'mostly_false', 'false', 'misleading', 'unproven'],
  promise: ['kept', 'compromise', 'broken', 'in_the_works', 'stalled'],
  opinion: [],
} as const satisfies Record<ClaimKind, readonly string[]>;

export type Rating = (typeof RATINGS_BY_KIND)[keyof typeof RATINGS_BY_KIND][number];
export const ALL_RATINGS: readonly Rating[] = [...RATINGS_BY_KIND.statement, ...RATINGS_BY_KIND.promise];

/** Interim promise ratings: publishing one keeps the claim's follow-ups running. */
export const INTERIM_RATINGS: readonly Rating[] = ['in_the_works', 'stalled'];

export function isFinalRating(rating: Rating): boolean {
  return !INTERIM_RATINGS.includes(rating);
}

export const EVIDENCE_STANCES = ['supports', 'refutes', 'context'] as const;
export type EvidenceStance = (typeof EVIDENCE_STANCES)[number];
