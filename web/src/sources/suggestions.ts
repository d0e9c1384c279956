import type { Schemas } from '../api/client';
import { instantToWallTime } from '../ui/format';

export type Suggestion = Schemas['SuggestionView'];
export type Signal = Suggestion['signals'][number];
export type Source = Schemas['SourceView'];

/** The signals as docs/desk.md, "Screens", names them. */
export const SIGNAL_WORDS: Record<Signal, string> = {
  number: 'Number',
  money: 'Money',
  attribution: 'Attribution',
  future: 'Future',
  comparison: 'Comparison',
  hedge: 'Hedge',
  opinion: 'Opinion',
};

/** Check-worthiness (0..1) as a whole percentage, for people. */
export function worthiness(score: number): string {
  return `${Math.round(Math.max(0, Math.min(1, score)) * 100)}%`;
}

/**
 * POST /v1/claims for `Track` (docs/desk.md, "Screens"): the suggestion's text, kind and claimant, the sentence
 * as it appears in the source as the quote, and the source. A suggestion without a claimant
 * takes the one the person names.
 */
export function trackBody(suggestion: Suggestion, sourceId: string, claimant?: { name: string; affiliation?: string }): Schemas['CreateClaimDto'] {
  const who = claimant ?? suggestion.claimant;
  if (!who?.name.trim()) throw new Error('A claim needs a claimant');
  const affiliation = who.affiliation?.trim();
  return {
    text: suggestion.text,
    kind: suggestion.kind,
    claimant: { name: who.name.trim(), ...(affiliation ? { affiliation } : {}) },
    quote: suggestion.sentence,
    sourceId,
    priority: 'normal',
  };
}

/**
 * Where `Track` goes: the new claim, with the suggested follow-up date as the `followUp` of its
 * address — the wall time in the person's zone that the claim page's `Monitor` dialog starts with.
 */
export function trackedAddress(claimId: string, suggestion: Suggestion, timeZone: string): string {
  if (!suggestion.suggestedFollowUpAt) return `/claims/${claimId}`;
  const wall = instantToWallTime(new Date(suggestion.suggestedFollowUpAt), timeZone);
  return `/claims/${claimId}?${new URLSearchParams({ followUp: wall }).toString()}`;
}
