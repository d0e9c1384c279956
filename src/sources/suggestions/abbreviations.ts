/**
 * Does a full stop end a sentence, or does it close an abbreviation ("Dr.", "Ksh.", "U.S.",
 * "No. 4", "Jan. 5", "John F. Kennedy")? Used by the sentence splitter.
 */

/** Titles never end a sentence: a name always follows. */
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'cpt',
  'cpl',
  'sgt',
  'brig',
  'adm',
  'cmdr',
  'hon',
  'rev',
  'fr',
  'sen',
  'rep',
  'gov',
  'pres',
  'amb',
  'insp',
  'supt',
  'messrs',
  'mme',
]);

/**
 * Abbreviations that usually sit inside a sentence ("St. Paul's", "Ksh. 2 billion",
 * "Jan. 5", "Smith Jr. said") but may end one: they end it only when the next word is a
 * typical sentence opener ("… in Jan. The ministry …").
 */
const USUALLY_INSIDE = new Set([
  'st',
  'mt',
  'ft',
  'ave',
  'rd',
  'jr',
  'sr',
  'vs',
  'v',
  'approx',
  'est',
  'fig',
  'vol',
  'art',
  'sec',
  'para',
  'dept',
  'govt',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'ksh',
  'kshs',
  'kes',
  'sh',
  'shs',
  'ush',
  'tsh',
  'frw',
  'rwf',
]);

/** "No." is an abbreviation only before a number ("No. 4"); "the answer was no." is not. */
const BEFORE_A_NUMBER = new Set(['no', 'nos']);

/** Words that typically open a sentence; after an ambiguous abbreviation they mean "new sentence". */
const SENTENCE_OPENERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  'he',
  'she',
  'they',
  'we',
  'i',
  'you',
  'there',
  'his',
  'her',
  'their',
  'our',
  'but',
  'and',
  'however',
  'meanwhile',
  'in',
  'on',
  'at',
  'after',
  'before',
  'when',
  'while',
  'if',
  'as',
  'since',
  'last',
  'earlier',
  'later',
]);

const INITIALISM = /^(?:\p{L}\.)+\p{L}$/u; // "U.S" "e.g" "a.m" (the final dot is the candidate)
const SINGLE_INITIAL = /^\p{Lu}$/u; // "F" in "John F. Kennedy"

/**
 * `wordBefore` is the run of letters and dots right before the full stop ("Dr", "U.S",
 * "Ksh"); `wordAfter` is the next word ("" at the end of the text).
 */
export function isAbbreviation(wordBefore: string, wordAfter: string): boolean {
  const lower = wordBefore.toLowerCase();
  if (TITLES.has(lower)) return true;
  if (BEFORE_A_NUMBER.has(lower)) return /^\d/.test(wordAfter);
  const ambiguous = USUALLY_INSIDE.has(lower) || INITIALISM.test(wordBefore) || SINGLE_INITIAL.test(wordBefore);
  return ambiguous && wordAfter !== '' && !SENTENCE_OPENERS.has(wordAfter.toLowerCase());
}
