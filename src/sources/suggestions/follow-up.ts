/**
 * When to come back to a promise: the first time expression in the sentence that points to
 * the future, resolved against the reference date (the source's publishedAt, or now).
 *
 * The result is a calendar day at 00:00 UTC (ISO 8601), chosen so:
 *  - a named period resolves to its FIRST day: "by June 2027" → 2027-06-01, "in March" →
 *    the next 1 March, "next month" → the 1st of next month, "next year" → 1 January of
 *    next year, "by 2030" / "in 2028" → 1 January of that year, "mid-2027" → 1 July 2027;
 *  - "end of" resolves to the LAST day: "by the end of the year" / "by year-end" → 31
 *    December of the reference year, "by the end of 2027" → 2027-12-31, "end of June" →
 *    30 June;
 *  - a duration is added to the reference date: "within six months" → reference + 6 months,
 *    "over the next five years" → + 5 years, "in two weeks" → + 14 days;
 *  - an exact date stays as is: "on 12 March" → the next 12 March.
 * chrono-node (forwardDate) parses most of these; the "end of the year", bare-year and
 * "mid-YYYY" forms it misses (or misreads) are matched first by the patterns below and
 * blanked out before chrono runs. Weekdays alone ("on Tuesday") are ignored: in news copy
 * they date the reporting, not the commitment; so are chrono's loose readings of "now",
 * "the day" or "a second" (an expression must hold a digit, a month, next/within/tomorrow
 * or "<count> days|weeks|months|years"). Expressions that resolve before the reference day
 * are ignored.
 */
import * as chrono from 'chrono-node';

interface Found {
  index: number;
  day: Date;
}

/** Cheap gate: only sentences with one of these words are handed to chrono. */
const TIME_CUE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:next|within|end|year|month|week|days?|tomorrow|mid)\b|\d{4}|\bin\s+\d/i;
const END_OF_THIS_YEAR = /\b(?:the\s+)?end\s+of\s+(?:the|this)\s+year\b|\byear[- ]end\b/gi;
const END_OF_YEAR_N = /\bend\s+of\s+((?:19|20)\d\d)\b/gi;
const MID_YEAR_N = /\bmid-?\s?((?:19|20)\d\d)\b/gi;
const BARE_YEAR = /\b(?:by|in|before|until|during)\s+((?:19|20)\d\d)\b(?!\s*[-/]|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi;
const DURATION = /\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple of)\s+(?:days?|weeks?|months?|years?)\b/i;
/** chrono also reads "the day" (throughout the day) or "now" as dates: keep only real expressions. */
const USEFUL_CHRONO_TEXT =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:next|within|tomorrow|coming|following)\b|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few)\s+(?:days?|weeks?|months?|years?)\b/i;

// V8 compiles chrono's large regular expressions on their first runs (~130 ms, once per
// process). Pay that while the module loads rather than inside a time slice of the first
// request (see suggest.ts).
for (let run = 0; run < 2; run++) chrono.parse('by June 2027', { instant: new Date(0), timezone: 0 });

export function suggestFollowUp(sentence: string, referenceDate: Date): string | undefined {
  if (!TIME_CUE.test(sentence)) return undefined;
  const today = utcDay(referenceDate.getUTCFullYear(), referenceDate.getUTCMonth() + 1, referenceDate.getUTCDate());
  const { found, rest } = fixedPatterns(sentence, referenceDate);
  found.push(...chronoDates(rest, referenceDate));
  const next = found.filter((f) => f.day.getTime() >= today.getTime()).sort((a, b) => a.index - b.index)[0];
  return next?.day.toISOString();
}

/** The forms chrono misses; returns them and the sentence with them blanked out. */
function fixedPatterns(sentence: string, referenceDate: Date): { found: Found[]; rest: string } {
  const found: Found[] = [];
  let rest = sentence;
  const take = (pattern: RegExp, toDay: (match: RegExpMatchArray) => Date): void => {
    for (const match of rest.matchAll(pattern)) {
      found.push({ index: match.index, day: toDay(match) });
      rest = rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length);
    }
  };
  take(END_OF_THIS_YEAR, () => utcDay(referenceDate.getUTCFullYear(), 12, 31));
  take(END_OF_YEAR_N, (m) => utcDay(Number(m[1]), 12, 31));
  take(MID_YEAR_N, (m) => utcDay(Number(m[1]), 7, 1));
  take(BARE_YEAR, (m) => utcDay(Number(m[1]), 1, 1));
  return { found, rest };
}

function chronoDates(text: string, referenceDate: Date): Found[] {
  const results = chrono.parse(text, { instant: referenceDate, timezone: 0 }, { forwardDate: true });
  const found: Found[] = [];
  for (const result of results) {
    const start = result.start;
    const datesSomething = start.isCertain('day') || start.isCertain('month') || start.isCertain('year');
    if (!datesSomething || !USEFUL_CHRONO_TEXT.test(result.text)) continue;
    const year = start.get('year');
    const month = start.get('month');
    const day = start.get('day');
    if (year === null || month === null || day === null) continue;
    const isDuration = DURATION.test(result.text);
    found.push({
      index: result.index,
      day: isDuration ? utcDay(year, month, day) : utcDay(year, start.isCertain('month') ? month : 1, start.isCertain('day') ? day : 1),
    });
  }
  return found;
}

function utcDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}
