import { LIFECYCLE, RATINGS_BY_KIND } from '../api/lifecycle';
import type { Me } from '../api/client';
import type { Kind, Status } from './vocabulary';

const ROLE_RANK = { checker: 0, editor: 1, admin: 2 } as const;

/** What a step asks of the person before it is sent: exactly what its guards need. */
export interface MoveNeeds {
  note: boolean;
  verdict: boolean;
  followUp: boolean;
  /** Publishing may take the fact-check's address; it is never required. */
  reviewUrl: boolean;
}

export interface Move {
  to: Status;
  needs: MoveNeeds;
  /** Set when the person may not take this step now, and why (four eyes). */
  blockedBecause: string | null;
}

interface ClaimFacts {
  status: Status;
  kind: Kind;
  verdict: { proposedBy: string } | null;
}

export const FOUR_EYES_REASON = 'You proposed this verdict: another editor publishes it';

/**
 * The steps a person may take from a claim's status, from the API's own lifecycle table
 * (generated into api/lifecycle.ts): the role decides what is offered; the guards decide what
 * the step asks for. A guard the desk can already see failing (four eyes, a monitor of a
 * non-promise, a verdict for an opinion) is offered as blocked or not at all.
 */
export function movesFor(claim: ClaimFacts, me: Pick<Me, 'id' | 'role'>): Move[] {
  return LIFECYCLE.filter((step) => step.from === claim.status && ROLE_RANK[me.role] >= ROLE_RANK[step.role])
    .filter((step) => !(step.guards.includes('promise_only') && claim.kind !== 'promise'))
    .filter((step) => !(step.guards.includes('verdict_valid_for_kind') && (RATINGS_BY_KIND[claim.kind] ?? []).length === 0))
    .map((step) => ({
      to: step.to as Status,
      needs: {
        note: step.guards.includes('note_required'),
        verdict: step.guards.includes('verdict_valid_for_kind'),
        followUp: step.guards.includes('follow_up_in_future'),
        reviewUrl: step.to === 'published',
      },
      blockedBecause: step.guards.includes('four_eyes') && claim.verdict?.proposedBy === me.id ? FOUR_EYES_REASON : null,
    }));
}

/** Whether a step can be sent at once, with nothing to ask (a drop or a menu choice goes straight through). */
export function asksNothing(needs: MoveNeeds): boolean {
  return !needs.note && !needs.verdict && !needs.followUp;
}

export function ratingsFor(kind: Kind): readonly string[] {
  return RATINGS_BY_KIND[kind] ?? [];
}
