/**
 * Entry point of the claim-suggestion engine: reads a news text and returns candidate
 * claims ranked by check-worthiness (highest first; ties keep source order).
 *
 * Pure logic: no database, no HTTP, no clock except the time-slicing below.
 *
 * Large texts: the work is a generator (steps.ts) that yields after every sentence and every
 * 2,000 candidate sentence ends while splitting. `suggestClaims` runs it in one go (for
 * small texts); `suggestClaimsAsync` runs it in slices of ~SLICE_MS and hands the event
 * loop back (setImmediate) between slices, so a 1 MB text never blocks the loop for long.
 * Speaker context flows across slices because it lives in the generator.
 */
import { analyseSentence } from './analyse-sentence';
import { splitBlockInSteps, splitBlocks } from './sentences';
import { runInSlices, runToEnd, type Steps } from './steps';
import type { Claimant, Suggestion, SuggestOptions } from './types';

export type { Claimant, Signal, Suggestion, SuggestionKind, SuggestOptions } from './types';

const SLICE_MS = 20;

export function suggestClaims(text: string, options: SuggestOptions): Suggestion[] {
  return runToEnd(suggestionSteps(text, options));
}

export function suggestClaimsAsync(text: string, options: SuggestOptions): Promise<Suggestion[]> {
  return runInSlices(suggestionSteps(text, options), SLICE_MS);
}

/** Yields after each sentence (and inside the splitting of huge blocks); returns the ranking. */
function* suggestionSteps(text: string, options: SuggestOptions): Steps<Suggestion[]> {
  if (text.trim() === '') return [];
  const suggestions: Suggestion[] = [];
  let previousSpeaker: Claimant | undefined;
  for (const block of splitBlocks(text)) {
    for (const sentence of yield* splitBlockInSteps(text, block)) {
      const analysis = analyseSentence(sentence.text, previousSpeaker, options.referenceDate);
      previousSpeaker = analysis.speakerForNext;
      if (analysis.suggestion) suggestions.push(analysis.suggestion);
      yield;
    }
  }
  // Array.prototype.sort is stable: equal scores keep source order.
  return suggestions.sort((a, b) => b.checkworthiness - a.checkworthiness);
}
