/**
 * Speaker attribution: who makes the claim in a sentence.
 *
 * Within the sentence, in this order:
 *  1. "according to [a report by] [the] Name…"            → Name
 *  2. "Name[, appositive,] said|told|announced|…"          → Name (the appositive becomes
 *     the affiliation: "Wanjiru Kamau, the county health director, told reporters…"), or
 *     "office, Name, said…" → Name, the office as affiliation ("Lakeside County's finance
 *     executive, Miriam Achola, said…")
 *  3. "…," said|added|… Name"  (inverted, after a comma or closing quote)
 *  4. "he|she|they|it said" / "…, said she."              → the previous sentence's speaker
 *  5. a sentence that opens with a quote mark and has no attribution → the previous speaker.
 * The previous sentence's speaker is its claimant, or else the last titled person it
 * mentions ("Principal Secretary Korir Sing'Oei spoke to reporters on Tuesday.").
 * Context reaches back one sentence only.
 *
 * Names are runs of capitalised words (with "of", "for", "the", "wa", "de"… between them).
 * Leading titles and offices ("Finance Cabinet Secretary", "Dr.", lower-case "chief
 * executive") are moved out of the name into `affiliation`; a run that is only an office
 * ("the Foreign Affairs Principal Secretary said") is kept as the name. Generic subjects
 * ("Critics", "Officials", "Sources") and first-person pronouns never become claimants.
 */
import { CONNECTORS, INSTITUTION_HEADS, LEADING_NOISE, NOT_A_SPEAKER, QUANTIFIERS, TITLE_WORDS } from './claimant-words';
import type { Claimant } from './types';

const SPEECH_VERB =
  /\b(?:said|says|stated|explained|told|announced|added|noted|claimed|insisted|confirmed|revealed|disclosed|warned|argued|maintained|asserted|acknowledged|admitted|declared|reported|testified|tweeted|wrote|spoke|pledged|promised|vowed|estimates|estimated)\b/gu;
const INVERTED = /[,"”]\s*(?:said|says|added|explained|stated|noted|announced|insisted|warned|declared|wrote|asked)\s+((?:the\s+)?\p{Lu}.*)$/u;
const ACCORDING_TO =
  /\b[Aa]ccording to\s+(?:(?:a|an|the|new|latest|recent|official)\s+)*(?:(?:report|statement|survey|study|data|figures|estimates|records)\s+(?:by|from|of)\s+)?(?:the\s+)?(\p{Lu}.*)$/u;
const PRONOUN_SPEAKER =
  /\b(?:he|she|they|it)\s+(?:also\s+)?(?:said|says|added|explained|stated|told|noted|insisted|warned|announced|argued|claimed|confirmed)\b|\b(?:said|added|explained)\s+(?:he|she|they)\s*(?:[.,!]|$)/iu;
const OPENS_WITH_QUOTE = /^["“]/u;

const CAPITALISED = /^\p{Lu}[\p{L}\p{M}'’\-.]*$/u;
export interface SpeakerInSentence {
  claimant?: Claimant;
  /** Who a pronoun or a bare quote in the next sentence refers to. */
  speakerForNext?: Claimant;
}

export function findClaimant(sentence: string, previousSpeaker: Claimant | undefined): SpeakerInSentence {
  const named = namedSpeaker(sentence);
  if (named) return { claimant: named, speakerForNext: named };
  const refersBack = PRONOUN_SPEAKER.test(sentence) || (OPENS_WITH_QUOTE.test(sentence) && !hasSpeechVerb(sentence));
  const claimant = refersBack ? previousSpeaker : undefined;
  return { claimant, speakerForNext: claimant ?? lastTitledPerson(sentence) };
}

function namedSpeaker(sentence: string): Claimant | undefined {
  const according = ACCORDING_TO.exec(sentence);
  if (according) {
    const found = toClaimant(leadingName(according[1]), '');
    if (found) return found;
  }
  for (const verb of sentence.matchAll(SPEECH_VERB)) {
    const before = sentence.slice(0, verb.index);
    const found = speakerBefore(before);
    if (found) return found;
  }
  const inverted = INVERTED.exec(sentence);
  return inverted ? toClaimant(leadingName(inverted[1]), '') : undefined;
}

function hasSpeechVerb(sentence: string): boolean {
  return sentence.search(SPEECH_VERB) >= 0;
}

/**
 * "…Wanjiru Kamau, the county health director," → name and appositive affiliation; and the
 * other way round, "Lakeside County's finance executive, Miriam Achola," → the name is the
 * appositive and the office before it is the affiliation.
 */
function speakerBefore(before: string): Claimant | undefined {
  const appositive = /,\s+(?:the\s+|a\s+)?([^,"“”]{3,80}),\s*$/u.exec(before);
  if (appositive) {
    const head = before.slice(0, appositive.index);
    const name = toClaimant(trailingName(head), head);
    if (name) return { ...name, affiliation: name.affiliation ?? appositive[1].trim() };
    const office = officeAtEnd(head);
    const named = office ? appositiveName(appositive[1]) : undefined;
    if (office && named) return { name: named.name, affiliation: office };
  }
  return toClaimant(trailingName(before), before);
}

/** The appositive when it is a name and nothing else ("Miriam Achola", "Dr. Miriam Achola": its title yields to the office). */
function appositiveName(text: string): Claimant | undefined {
  const words = text.trim().split(/\s+/);
  const name = leadingName(text.trim());
  return name.length === words.length ? toClaimant(name, '') : undefined;
}

/**
 * The description of an office that ends `text` — its last clause, up to eight words, ending in
 * a title word ("Lakeside County's finance executive", "the ministry's chief economist"); none
 * when the clause ends otherwise ("In Nairobi on Monday").
 */
function officeAtEnd(text: string): string | undefined {
  const clause = text
    .split(/[,;:"“”(]/u)
    .pop()!
    .trim();
  const words = clause.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 8 || !isTitleWord(words[words.length - 1])) return undefined;
  if (['the', 'a', 'an'].includes(words[0].toLowerCase())) words.shift();
  return words.length > 0 ? words.join(' ') : undefined;
}

/** The run of capitalised words that ends `text` (empty when `text` ends otherwise). */
function trailingName(text: string): string[] {
  const tokens = lastWords(text, 12);
  const name: string[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (name.length === 0 && INSTITUTION_HEADS.has(token) && CAPITALISED.test(tokens[i - 1] ?? '')) name.unshift(token);
    else if (CAPITALISED.test(token)) name.unshift(token);
    else if (CONNECTORS.has(token) && name.length > 0 && CAPITALISED.test(tokens[i - 1] ?? '')) name.unshift(token);
    else break;
  }
  return name;
}

/** The run of capitalised words that starts `text`; stops after a token carrying , . ; : */
function leadingName(text: string): string[] {
  const tokens = text.split(/\s+/).slice(0, 12);
  const name: string[] = [];
  for (const [i, raw] of tokens.entries()) {
    const token = raw.replace(/[,;:!?"”’)]+$/u, '');
    const isTitle = TITLE_WORDS.has(token.replace(/\.$/, '').toLowerCase());
    const bare = isTitle ? token : token.replace(/\.$/, '');
    if (CAPITALISED.test(bare)) name.push(bare);
    else if (CONNECTORS.has(token) && CAPITALISED.test(tokens[i + 1] ?? '')) name.push(token);
    else break;
    if (bare !== raw && !(isTitle && raw === token)) break;
  }
  return name;
}

/** Splits titles from the name; `before` tells whether lower-case titles precede the run. */
function toClaimant(tokens: string[], before: string): Claimant | undefined {
  const words = dropLeadingNoise(tokens).map((token) => token.replace(/['’]s$/u, ''));
  while (words.length > 0 && CONNECTORS.has(words[words.length - 1])) words.pop();
  if (words.length === 0 || (words.length === 1 && NOT_A_SPEAKER.has(words[0].toLowerCase()))) return undefined;
  if (QUANTIFIERS.has(words[0].toLowerCase())) return undefined; // "Many Kenyans said": a group, not a speaker
  const lastTitle = words.findLastIndex(isTitleWord);
  const lowerTitle = lowerCaseTitleBefore(before, tokens.length);
  if (lastTitle < 0 || lastTitle === words.length - 1) {
    return lowerTitle ? { name: words.join(' '), affiliation: lowerTitle } : { name: words.join(' ') };
  }
  const affiliation = [lowerTitle, words.slice(0, lastTitle + 1).join(' ')].filter(Boolean).join(' ');
  return { name: words.slice(lastTitle + 1).join(' '), affiliation };
}

function dropLeadingNoise(tokens: string[]): string[] {
  let start = 0;
  while (start < tokens.length - 1 && LEADING_NOISE.has(tokens[start].toLowerCase())) start++;
  return tokens.slice(start);
}

/** "…, chief executive Peter Maina" → "chief executive" (lower-case titles before the name). */
function lowerCaseTitleBefore(before: string, nameTokens: number): string {
  if (before === '') return '';
  const tokens = lastWords(before, 16);
  const preceding = tokens.slice(0, Math.max(0, tokens.length - nameTokens));
  const titles: string[] = [];
  for (let i = preceding.length - 1; i >= 0 && titles.length < 3; i--) {
    if (!/^\p{Ll}/u.test(preceding[i]) || !TITLE_WORDS.has(preceding[i])) break;
    titles.unshift(preceding[i]);
  }
  return titles.join(' ');
}

/** The last `count` words of `text`, reading only its tail (bounded cost on long sentences). */
function lastWords(text: string, count: number): string[] {
  const tail = text.slice(-240).trimEnd();
  const words = tail.split(/\s+/);
  if (tail.length < text.trimEnd().length) words.shift(); // the first one may be cut
  return words.slice(-count);
}

function isTitleWord(token: string): boolean {
  return TITLE_WORDS.has(token.replace(/\.$/, '').toLowerCase());
}

/** The last "Title Name" in the sentence: a speaker a pronoun in the next sentence may mean. */
function lastTitledPerson(sentence: string): Claimant | undefined {
  const runs: string[][] = [[]];
  const closeRun = (): void => {
    if (runs[runs.length - 1].length > 0) runs.push([]);
  };
  for (const raw of sentence.split(/\s+/)) {
    if (/^["“‘(]/u.test(raw)) closeRun(); // an opening quote starts afresh
    const token = raw.replace(/^["“‘(]+/u, '').replace(/[,;:!?"”’)]+$/u, '');
    const bare = isTitleWord(token) ? token : token.replace(/\.$/, '');
    if (CAPITALISED.test(bare) || (runs[runs.length - 1].length > 0 && CONNECTORS.has(bare))) runs[runs.length - 1].push(bare);
    else closeRun();
    if (!raw.endsWith(bare)) closeRun(); // trailing punctuation ends a run
  }
  for (const run of runs.reverse()) {
    const claimant = run.some(isTitleWord) ? toClaimant(run, '') : undefined;
    if (claimant?.affiliation) return claimant;
  }
  return undefined;
}
