/**
 * Splits a news text into sentences, keeping each sentence's exact source text and offsets.
 *
 * Two steps, both linear in the text length:
 *  1. Blocks (`splitBlocks`): a blank line always ends a block. A single line break ends it
 *     too (scraped articles put one paragraph per line), unless the next line starts in
 *     lower case or the previous line ends with , ; - – — ( — then it is a hard-wrapped
 *     sentence and the lines are joined. A hard wrap before a capitalised word ("said
 *     Finance⏎Minister …") is read as a break: a known limitation.
 *  2. Sentences inside a block (`splitBlock`): a candidate end is a run of . ! ? …
 *     (plus closing quotes/brackets) followed by white space. It is a real end unless
 *       - it lies inside a quotation (quotes.ts): a quoted passage stays one sentence with
 *         its attribution; a quote still open at the end of the block (multi-paragraph
 *         quotes, stray marks) is ignored from where it opened (that stretch is scanned
 *         again without quotes), so it cannot swallow text;
 *       - the next word starts in lower case (`"Is it true?" she asked.`);
 *       - the full stop closes an abbreviation (abbreviations.ts: "Dr.", "Ksh.", "U.S.",
 *         "No. 4", "Jan. 5", initials).
 *     Decimals ("2.1 billion", "3.5%") never match: no white space follows their dot.
 *
 * compromise's sentence splitter was not used: it breaks after "Ksh." and "No." and costs
 * far more on large texts than this scan, which needs no post-processing.
 */
import { isAbbreviation } from './abbreviations';
import { trackQuotes } from './quotes';
import { runToEnd, type Steps } from './steps';

/** [start, end) offsets into the source text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** A sentence: its exact (trimmed) source text and where it sits in the source. */
export interface SourceSentence extends TextSpan {
  text: string;
}

const STARTS_LOWERCASE = /^\p{Ll}/u;
const ENDS_MID_SENTENCE = /[,;\-–—(]$/;
const CANDIDATE_END = /[.!?…]+["'”’)\]]*(?=\s|$)/;
const CANDIDATES_PER_STEP = 2000;
const WORD_BEFORE = /[\p{L}.]*\p{L}$/u;
const WORD_AFTER = /^\s*["“‘'([]*([\p{L}\d]*)/u;

export function splitBlocks(text: string): TextSpan[] {
  const blocks: TextSpan[] = [];
  let current: TextSpan | undefined;
  let previousLine = '';
  for (let lineStart = 0; lineStart <= text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).trim();
    if (line === '') {
      current = undefined;
    } else if (current && (STARTS_LOWERCASE.test(line) || ENDS_MID_SENTENCE.test(previousLine))) {
      current.end = lineEnd;
    } else {
      current = { start: lineStart, end: lineEnd };
      blocks.push(current);
    }
    previousLine = line;
    lineStart = lineEnd + 1;
  }
  return blocks;
}

/** The sentences of one block, in steps (see steps.ts) so a huge block can be time-sliced. */
export function* splitBlockInSteps(text: string, block: TextSpan): Steps<SourceSentence[]> {
  const content = text.slice(block.start, block.end);
  const scan = yield* findSentenceEnds(content, 0, true);
  const ends = scan.unclosedQuoteAt < 0 ? scan.ends : [...scan.ends, ...(yield* findSentenceEnds(content, scan.unclosedQuoteAt, false)).ends];

  const sentences: SourceSentence[] = [];
  let start = 0;
  for (const end of [...ends, content.length]) {
    const raw = content.slice(start, end);
    const trimmed = raw.trim();
    if (trimmed !== '') {
      const offset = block.start + start + (raw.length - raw.trimStart().length);
      sentences.push({ text: trimmed, start: offset, end: offset + trimmed.length });
    }
    start = end;
  }
  return sentences;
}

export function splitBlock(text: string, block: TextSpan): SourceSentence[] {
  return runToEnd(splitBlockInSteps(text, block));
}

export function splitSentences(text: string): SourceSentence[] {
  return splitBlocks(text).flatMap((block) => splitBlock(text, block));
}

/**
 * Offsets (in `content`) where sentences end, looking at candidates from `from` on. With
 * `honourQuotes`, candidates inside a quotation are skipped and `unclosedQuoteAt` tells
 * where a quote still open at the end began: every candidate after it was skipped, so the
 * caller scans again from there without quotes. Yields every CANDIDATES_PER_STEP candidates.
 */
function* findSentenceEnds(content: string, from: number, honourQuotes: boolean): Steps<{ ends: number[]; unclosedQuoteAt: number }> {
  const quotes = trackQuotes(content);
  const candidates = new RegExp(CANDIDATE_END.source, 'g');
  candidates.lastIndex = from;
  const ends: number[] = [];
  let seen = 0;
  for (let match = candidates.exec(content); match; match = candidates.exec(content)) {
    if (++seen % CANDIDATES_PER_STEP === 0) yield;
    const end = match.index + match[0].length;
    if (honourQuotes) {
      quotes.advanceTo(end);
      if (quotes.isOpen()) continue;
    }
    const wordAfter = WORD_AFTER.exec(content.slice(end, end + 40))?.[1] ?? '';
    if (STARTS_LOWERCASE.test(wordAfter)) continue;
    if (closesAbbreviation(content, match.index, match[0], wordAfter)) continue;
    ends.push(end);
  }
  if (!honourQuotes) return { ends, unclosedQuoteAt: -1 };
  quotes.advanceTo(content.length);
  return { ends, unclosedQuoteAt: quotes.isOpen() ? quotes.openedAt() : -1 };
}

function closesAbbreviation(content: string, index: number, punctuation: string, wordAfter: string): boolean {
  if (!punctuation.startsWith('.') || punctuation.startsWith('..')) return false;
  const wordBefore = WORD_BEFORE.exec(content.slice(Math.max(0, index - 20), index))?.[0] ?? '';
  return wordBefore !== '' && isAbbreviation(wordBefore, wordAfter);
}
