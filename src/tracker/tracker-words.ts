import type { PublicKind } from './scales';

/** What the front page and the fact-checks page list, and how they say it. */
export const LIST_WORDING: Record<PublicKind, { heading: string; listHeading: string; noun: string; one: string; empty: string; nav: string }> = {
  promise: {
    heading: 'Promise tracker',
    listHeading: 'Promises, newest rating first',
    noun: 'promises',
    one: 'promise',
    empty: 'No promise has been rated yet.',
    nav: 'Promises',
  },
  statement: {
    heading: 'Fact-checks',
    listHeading: 'Fact-checks, newest first',
    noun: 'fact-checks',
    one: 'fact-check',
    empty: 'No statement has been checked yet.',
    nav: 'Fact-checks',
  },
};

/** An evidence item's stance, as the claim page names it. */
export const STANCE_WORDS = { supports: 'Supports', refutes: 'Refutes', context: 'Context' } as const;

/** The methodology a tracker shows until its workspace writes its own. */
export const DEFAULT_METHODOLOGY = `We rate promises on outcomes, not intentions: what counts is what happened, not what was announced, planned or meant.

A promise stays open while its outcome is not yet clear. Until then it is "In the works" when progress can be documented, or "Stalled" when it cannot; we check it again on the date shown beside it. When the outcome is clear, it is "Promise kept", "Compromise" or "Promise broken", and we stop checking.

Statements are rated on the evidence available when we publish. Every rating is proposed by one member of the desk and published by another. When we change a rating, the earlier ones stay on the claim's page, with their dates.`;
