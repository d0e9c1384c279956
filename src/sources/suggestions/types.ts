/** Public types of the claim-suggestion engine (re-exported by suggest.ts). */

export type SuggestionKind = 'statement' | 'promise' | 'opinion';

export type Signal = 'number' | 'money' | 'attribution' | 'future' | 'comparison' | 'hedge' | 'opinion';

export interface Claimant {
  name: string;
  affiliation?: string;
}

export interface Suggestion {
  /** The claim to propose: the sentence without wrapping quote marks or attribution clause. */
  text: string;
  /** The sentence exactly as it appears in the source text (trimmed). */
  sentence: string;
  claimant?: Claimant;
  kind: SuggestionKind;
  /** 0..1, rounded to 3 decimals. */
  checkworthiness: number;
  signals: Signal[];
  /** ISO 8601; only for promises that carry a time expression. */
  suggestedFollowUpAt?: string;
}

export interface SuggestOptions {
  /** Relative time expressions ("next year") resolve against it: the source's publishedAt, or now. */
  referenceDate: Date;
}
