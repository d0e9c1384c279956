/**
 * Turns one sentence (plus the speaker carried over from the sentence before) into a
 * suggestion: claim text, signals, kind, claimant, follow-up date and score.
 *
 * kind: an opinion marker makes it an `opinion` (even with "will": "we hope the talks will
 * bring peace" is not a commitment); else a future marker makes it a `promise`; else a
 * `statement`.
 */
import { MAX_SENTENCE_CHARS, isCandidate } from './candidates';
import { claimText } from './claim-text';
import { findClaimant } from './claimant';
import { suggestFollowUp } from './follow-up';
import { scoreCheckworthiness } from './scoring';
import { detectSignals } from './signals';
import type { Claimant, Signal, Suggestion, SuggestionKind } from './types';

export interface SentenceAnalysis {
  /** Undefined when the sentence is not a claim at all (see candidates.ts). */
  suggestion?: Suggestion;
  /** The speaker a pronoun or bare quote in the next sentence refers to. */
  speakerForNext?: Claimant;
}

export function analyseSentence(sentence: string, previousSpeaker: Claimant | undefined, referenceDate: Date): SentenceAnalysis {
  if (sentence.length > MAX_SENTENCE_CHARS) return {}; // not a sentence (candidates.ts): skip the costly steps
  const { claimant, speakerForNext } = findClaimant(sentence, previousSpeaker);
  const text = claimText(sentence);
  if (!isCandidate(sentence, text)) return { speakerForNext };

  const signals = detectSignals(sentence);
  const kind = kindOf(signals);
  const suggestedFollowUpAt = kind === 'promise' ? suggestFollowUp(sentence, referenceDate) : undefined;
  const checkworthiness = scoreCheckworthiness({
    text,
    signals,
    kind,
    hasNamedClaimant: claimant !== undefined,
    hasFollowUp: suggestedFollowUpAt !== undefined,
  });
  const suggestion: Suggestion = { text, sentence, kind, checkworthiness, signals };
  if (claimant) suggestion.claimant = claimant;
  if (suggestedFollowUpAt) suggestion.suggestedFollowUpAt = suggestedFollowUpAt;
  return { suggestion, speakerForNext };
}

function kindOf(signals: readonly Signal[]): SuggestionKind {
  if (signals.includes('opinion')) return 'opinion';
  if (signals.includes('future')) return 'promise';
  return 'statement';
}
