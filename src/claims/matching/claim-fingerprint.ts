import { stem } from 'porter2';

/**
 * What claim matching compares: the distinct content words of a claim's text, stemmed, and the
 * locality-sensitive band keys (MinHash/LSH) that find the claims likely to share most of them.
 *
 * Pure and deterministic: the service computes the keys when it writes a claim's text, the
 * migration that introduced them backfilled them, and the bench seeds them, all with this code.
 * Changing anything here changes the keys: it needs a migration that recomputes every claim's.
 */

/**
 * Two claims say nearly the same thing when they share at least as many content words as they
 * differ in: Jaccard(words) ≥ 0.5. On the labelled pairs (test/fixtures/similar-claim-pairs.json)
 * rewordings score 0.50–1.00 and other claims of the same story 0.08–0.45.
 */
export const MATCH_THRESHOLD = 0.5;

/** Rows per band: a band matches only when all of its MinHash values agree. */
export const ROWS_PER_BAND = 3;
/** Bands per claim: the keys stored and looked up. */
export const BANDS = 24;

// The chance that two claims share at least one band is 1 − (1 − J^3)^24: 0.96 at J = 0.5,
// 0.83 at J = 0.4 (never listed, but found), 0.31 at J = 0.25, 0.08 at J = 0.15, the overlap of
// two different claims of one story. So candidates are mostly true matches, not the story.

/** Common English words that say nothing about what a claim asserts. */
const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can could did do does ' +
    'doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself ' +
    'just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which ' +
    'while who whom why will with would you your yours yourself yourselves also according said says say'
  ).split(' '),
);

/** Small numbers written out, so that "four in ten" and "4 in 10" share their words. */
const NUMBER_WORDS: Record<string, string> = {
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
};

// A number (thousands separators and a decimal part kept together: "10,000", "2.1") or a word.
const TOKEN = /\d+(?:[.,]\d+)*|\p{L}+/gu;

/** The distinct content words of `text`, stemmed, sorted. */
export function matchWords(text: string): string[] {
  const words = new Set<string>();
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '');
  for (const [token] of plain.matchAll(TOKEN)) {
    if (token.charCodeAt(0) <= 57) {
      // "10,000" and "10000" are the same figure; "2.1" keeps its decimal point.
      words.add(token.replace(/,(?=\d{3}\b)/g, ''));
    } else if (!STOPWORDS.has(token)) {
      words.add(NUMBER_WORDS[token] ?? stem(token));
    }
  }
  return [...words].sort();
}

/** Jaccard similarity of two sorted word lists: shared words over all words. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/** FNV-1a, 32 bits, over UTF-16 code units. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: a bijection on 32 bits that mixes every input bit into every output bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HASHES = BANDS * ROWS_PER_BAND;
/** One fixed seed per MinHash function (derived, not random: the keys must never change). */
const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x61c88647)));

/**
 * The band keys of a claim: for each of BANDS bands, a 32-bit hash of the workspace, the band's
 * number and its ROWS_PER_BAND MinHash values. Claims of another workspace never share a key
 * (but for a hash collision, which the workspace condition of the lookup removes), so one GIN
 * index over the keys alone serves every workspace. No words, no keys.
 */
export function matchBands(workspaceId: string, words: readonly string[]): number[] {
  if (words.length === 0) return [];
  const minima = new Uint32Array(HASHES).fill(0xffffffff);
  for (const word of words) {
    const h = fnv1a(word);
    for (let k = 0; k < HASHES; k++) {
      const v = mix(h ^ SEEDS[k]);
      if (v < minima[k]) minima[k] = v;
    }
  }
  const workspace = fnv1a(workspaceId);
  const keys = new Set<number>();
  for (let band = 0; band < BANDS; band++) {
    let key = mix(workspace ^ Math.imul(band + 1, 0x27d4eb2d));
    for (let row = 0; row < ROWS_PER_BAND; row++) key = mix(key ^ minima[band * ROWS_PER_BAND + row]);
    keys.add(key | 0); // PostgreSQL integer: signed 32 bits
  }
  return [...keys];
}

/** The band keys of a claim's text, as stored in claims.match_bands. */
export function claimMatchBands(workspaceId: string, text: string): number[] {
  return matchBands(workspaceId, matchWords(text));
}
