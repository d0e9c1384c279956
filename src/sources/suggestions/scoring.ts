/**
 * The check-worthiness score of one candidate sentence.
 *
 * THE SCORING MODEL (all of it is here)
 * ------------------------------------
 * A fact-checker wants sentences that can be verified against records: figures, money,
 * comparisons, named actors, dated events, attributed statements and promises with an
 * outcome. The score is an additive model over the signals and a few extra textual
 * features, clamped to [0, 1], then capped for opinions and filler:
 *
 *   start                                   0.20
 *   number                                 +0.20   figures are the core of most checks
 *   money (currency, magnitude, rate)      +0.15
 *   comparison                             +0.10   "the first", "doubled", "-er than"
 *   attribution                            +0.10   someone is on record
 *   named claimant                         +0.05   …and we know who
 *   promise with a checkable outcome       +0.10   future + (a figure or a time expression)
 *   follow-up date found                   +0.05
 *   proper nouns after the first word      +0.05 each, at most +0.15 (actors, places, bodies)
 *   time anchor                            +0.05   weekday, month, year, "last week", "this year"
 *   record verb                            +0.10   approved, signed, arrested, deployed, spent…
 *   hedge                                  -0.05   a softened figure is still checkable
 *   vague source                           -0.10   "critics say", "sources say", "many feel"
 *   first person without any figure        -0.10   "we will continue to engage…"
 *   short (fewer than 6 words)             -0.15
 *   then: opinion      → at most 0.15 (kind "opinion": value judgements are not checked)
 *         filler       → at most 0.10 (greetings, thanks, "let me invite", "stay tuned")
 *
 * The weights are hand-set, not learned; they were checked against the labelled set in
 * test/fixtures/checkworthiness.ts (ranking-quality.spec.ts). A promise without outcome
 * ("officials will review the situation") gets nothing for being a promise.
 */
import type { Signal, SuggestionKind } from './types';

export interface ScoreInput {
  /** The claim text (attribution removed) — features are read from it. */
  text: string;
  signals: readonly Signal[];
  kind: SuggestionKind;
  hasNamedClaimant: boolean;
  hasFollowUp: boolean;
}

const WEIGHTS = {
  start: 0.2,
  number: 0.2,
  money: 0.15,
  comparison: 0.1,
  attribution: 0.1,
  namedClaimant: 0.05,
  promiseWithOutcome: 0.1,
  followUp: 0.05,
  properNoun: 0.05,
  properNounMax: 0.15,
  timeAnchor: 0.05,
  recordVerb: 0.1,
  hedge: -0.05,
  vagueSource: -0.1,
  firstPersonWithoutFigures: -0.1,
  short: -0.15,
  opinionCap: 0.15,
  fillerCap: 0.1,
} as const;

const SHORT_WORDS = 6;
const TIME_ANCHOR =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|january|february|march|april|june|july|august|september|october|november|december)\b|\bMay\b|\b(?:19|20)\d\d\b|\b(?:last|this|next) (?:week|weekend|month|quarter|year)\b|\bover the weekend\b/i;
const RECORD_VERB =
  /\b(?:approved|passed|signed|rejected|suspended|arrested|charged|convicted|jailed|sentenced|deployed|released|disbursed|allocated|spent|paid|borrowed|repaid|collected|raised|hired|recruited|registered|recorded|launched|opened|closed|commissioned|completed|built|awarded|won|lost|joined|became|elected|appointed|sacked|resigned|banned|increased|reduced|cut|cleared|restored|imported|exported|killed|died|displaced|evacuated|deported|ratified|enacted|gazetted|tabled|adopted|withdrew|cancelled|halted|seized|fined|sued|ruled|ordered|granted|issued|signed into law)\b/i;
const VAGUE_SOURCE =
  /\b(?:critics|sources|observers|insiders|many|some|others|people|everyone|nobody|no one)\b(?:\s+\w+){0,2}\s+(?:say|said|says|believe|feel|agree|agrees|claim|know|knows|argue)\b/i;
const FIRST_PERSON = /\b(?:I|we|our|us|my)\b/i;
const FILLER =
  /^(?:good (?:morning|afternoon|evening)|thank you|thanks\b|welcome\b|ladies and gentlemen|please\b|let me\b|let us\b|allow me\b|stay tuned|more details|read more|watch\b|subscribe\b|click\b|developing story)/i;
const WORD = /[\p{L}\d][\p{L}\p{M}\d'’\-.]*/gu;
const PROPER_NOUN = /^\p{Lu}/u;
const NOT_PROPER = new Set(['I', 'A', 'An', 'The']);

export function scoreCheckworthiness(input: ScoreInput): number {
  const { text, signals } = input;
  const has = (signal: Signal): boolean => signals.includes(signal);
  let score: number = WEIGHTS.start;
  if (has('number')) score += WEIGHTS.number;
  if (has('money')) score += WEIGHTS.money;
  if (has('comparison')) score += WEIGHTS.comparison;
  if (has('attribution')) score += WEIGHTS.attribution;
  if (input.hasNamedClaimant) score += WEIGHTS.namedClaimant;
  if (input.kind === 'promise' && (has('number') || has('money') || input.hasFollowUp)) score += WEIGHTS.promiseWithOutcome;
  if (input.hasFollowUp) score += WEIGHTS.followUp;
  score += Math.min(WEIGHTS.properNounMax, properNounsAfterFirstWord(text) * WEIGHTS.properNoun);
  if (TIME_ANCHOR.test(text)) score += WEIGHTS.timeAnchor;
  if (RECORD_VERB.test(text)) score += WEIGHTS.recordVerb;
  if (has('hedge')) score += WEIGHTS.hedge;
  if (VAGUE_SOURCE.test(text)) score += WEIGHTS.vagueSource;
  if (FIRST_PERSON.test(text) && !has('number') && !has('money')) score += WEIGHTS.firstPersonWithoutFigures;
  if (countWords(text) < SHORT_WORDS) score += WEIGHTS.short;

  score = Math.min(1, Math.max(0, score));
  if (input.kind === 'opinion') score = Math.min(score, WEIGHTS.opinionCap);
  if (FILLER.test(text)) score = Math.min(score, WEIGHTS.fillerCap);
  return Math.round(score * 1000) / 1000;
}

function properNounsAfterFirstWord(text: string): number {
  const words = text.match(WORD) ?? [];
  return words.slice(1).filter((word) => PROPER_NOUN.test(word) && !NOT_PROPER.has(word)).length;
}

function countWords(text: string): number {
  return (text.match(WORD) ?? []).length;
}
