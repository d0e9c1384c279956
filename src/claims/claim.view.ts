import { iso } from '../common/http/dto-helpers';
import type { ClaimRecord } from './claim.record';
import type { ClaimData, ClaimView, VerdictView } from './dto/claim.view';

export function verdictView(claim: Pick<ClaimRecord, 'verdictRating' | 'verdictSummary' | 'verdictProposedBy' | 'verdictProposedAt'>): VerdictView | null {
  if (!claim.verdictRating) return null;
  return {
    rating: claim.verdictRating,
    summary: claim.verdictSummary ?? '',
    proposedBy: claim.verdictProposedBy ?? '',
    proposedAt: iso(claim.verdictProposedAt) ?? '',
  };
}

/** The claim as webhooks carry it: the same for everyone. */
export function claimView(claim: ClaimRecord): ClaimData {
  return {
    id: claim.id,
    text: claim.text,
    kind: claim.kind,
    claimant: { name: claim.claimantName, affiliation: claim.claimantAffiliation },
    quote: claim.quote,
    sourceId: claim.sourceId,
    claimedAt: iso(claim.claimedAt),
    tags: claim.tags,
    priority: claim.priority,
    status: claim.status,
    assignee: claim.assigneeId ? { id: claim.assigneeId, name: claim.assigneeName ?? '' } : null,
    dueAt: iso(claim.dueAt),
    followUpAt: iso(claim.followUpAt),
    verdict: verdictView(claim),
    publishedAt: iso(claim.publishedAt),
    reviewUrl: claim.reviewUrl,
    version: claim.version,
    createdAt: claim.createdAt.toISOString(),
    updatedAt: claim.updatedAt.toISOString(),
  };
}

/** The claim as the API answers it to a person (docs/api.md, "Claims"), with whether they follow it. */
export function claimViewFor(claim: ClaimRecord): ClaimView {
  return { ...claimView(claim), following: claim.following ?? false };
}
