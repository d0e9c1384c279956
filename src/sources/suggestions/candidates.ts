/**
 * Which sentences are not claims at all and are dropped (they never appear in the result):
 *  - questions: the claim text ends with "?" (`"Where did the money go?" she asked.` too);
 *  - fragments of fewer than four words ("More to follow.", "Photo: File");
 *  - headings: a short line (≤ 12 words) with no closing punctuation and no verb
 *    ("Health budget: the numbers"). The verb test uses compromise's tagger, run only on
 *    these few short lines — tagging every sentence would cost ~1.4 ms each;
 *  - run-ons longer than 1,500 characters: no punctuation for that long means a table, a
 *    list or scraping debris, not a sentence.
 * Everything else is a candidate and gets a score (possibly a very low one).
 */
import nlp from 'compromise';

const MIN_WORDS = 4;
const HEADING_MAX_WORDS = 12;
export const MAX_SENTENCE_CHARS = 1500;
const CLOSING_PUNCTUATION = /[.!?…"”'’)\]]$/u;

export function isCandidate(sentence: string, claim: string): boolean {
  if (sentence.length > MAX_SENTENCE_CHARS) return false;
  if (/\?["”’)]*$/u.test(claim) || /\?["”’)]*$/u.test(sentence)) return false;
  const words = wordCount(sentence);
  if (words < MIN_WORDS) return false;
  return !(words <= HEADING_MAX_WORDS && !CLOSING_PUNCTUATION.test(sentence) && !hasVerb(sentence));
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\d]/u.test(word)).length;
}

function hasVerb(line: string): boolean {
  return nlp(line).has('#Verb');
}
