import { stem } from 'porter2';

/**
 * What claim matching compares: the distinct content words of a claim's text, stemmed, and the
 * locality-sensitive band keys (MinHash/LSH) that find the claims likely to share most of them.
 *
 * Pure and deterministic: the service computes the words when it writes a claim's text, the
 * migration that introduced them (ClaimMatchWords) computed those of the claims already there,
 * and the bench seeds them, all with this code; each API host computes the keys from the words
 * when it indexes a claim (SimilarClaims). Changing the words needs a migration that recomputes
 * every claim's; changing the keys, only a restart of the API hosts.
 */

/**
 * Two claims say nearly the same thing when they share at least as many content words as they
 * differ in: Jaccard(words) ≥ 0.5. On the labelled pairs (test/fixtures/similar-claim-pairs.json)
 * rewordings score 0.50–1.00 and other claims of the same story 0.08–0.45.
 */
export const MATCH_THRESHOLD = 0.5;

/**
 * Two families of LSH bands over the same MinHash values. A band matches when all its rows agree,
 * so the chance that two claims with word-Jaccard J share at least one band of a family of b bands
 * of r rows is 1 − (1 − J^r)^b:
 *
 *   J                     0.15   0.25   0.35   0.5    0.6    0.7    0.9
 *   loose  (r 4, b 24)    0.01   0.09   0.30   0.79   0.96   1      1
 *   strict (r 5, b 16)    0.00   0.02   0.08   0.40   0.72   0.94   1
 *
 * Whether two claims share a band depends on their words only (the workspace relabels the keys, it
 * does not change which agree), so a given pair is always found or never. In a small workspace the
 * loose family finds the rewordings. In a big one, where thousands of claims share a story's words
 * (J 0.2–0.4 with any new claim), the loose family's candidates are capped, and the strict family,
 * whose candidates are mostly true matches, still finds the close rewordings. See MatchIndex.match.
 */
export const LOOSE = { rows: 4, bands: 24 } as const;
export const STRICT = { rows: 5, bands: 16 } as const;

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
  // Accents off ("Ça" = "ca"); most claims are plain ASCII and skip that step.
  const folded = /[^ -~\t\n\r]/.test(text) ? text.normalize('NFKD').replace(/\p{M}/gu, '') : text;
  const plain = folded.toLowerCase().replace(/['’]s\b/g, '');
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

/**
 * Jaccard similarity of two sorted lists (words or word hashes): shared over all. `b` may be a
 * run within a bigger array, from `bStart` to `bEnd` (MatchIndex keeps every claim's words so).
 */
export function jaccard<T extends string | number>(a: ArrayLike<T>, b: ArrayLike<T>, bStart = 0, bEnd = b.length): number {
  const bLength = bEnd - bStart;
  if (a.length === 0 || bLength === 0) return 0;
  let i = 0;
  let j = bStart;
  let shared = 0;
  while (i < a.length && j < bEnd) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared / (a.length + bLength - shared);
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

const HASHES = Math.max(LOOSE.rows * LOOSE.bands, STRICT.rows * STRICT.bands);
/** One fixed seed per MinHash function (derived, not random: the keys must never change). */
const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x61c88647)));

/** The 32-bit hashes of a claim's words, sorted: what claims.match_words keeps, and what is scored. */
export function wordHashes(words: readonly string[]): number[] {
  return [...new Set(words.map((w) => fnv1a(w) | 0))].sort((a, b) => a - b);
}

export interface MatchKeys {
  /** LSH keys of the strict family (few candidates, close claims). */
  strict: number[];
  /** LSH keys of the loose family (every rewording, but many candidates in a big story). */
  loose: number[];
}

/**
 * The band keys of a claim's word hashes: for each band of each family, a 32-bit hash of the
 * workspace, the family, the band's number and its MinHash values (the workspace in the key is a
 * second fence: each workspace has an index of its own). No words, no keys.
 */
export function matchKeys(workspaceId: string, hashes: readonly number[]): MatchKeys {
  if (hashes.length === 0) return { strict: [], loose: [] };
  const minima = new Uint32Array(HASHES).fill(0xffffffff);
  for (const h of hashes) {
    for (let k = 0; k < HASHES; k++) {
      const v = mix(h ^ SEEDS[k]);
      if (v < minima[k]) minima[k] = v;
    }
  }
  const workspace = fnv1a(workspaceId);
  const family = (tag: number, { rows, bands }: { rows: number; bands: number }) => {
    const keys = new Set<number>();
    for (let band = 0; band < bands; band++) {
      let key = mix(workspace ^ Math.imul(tag * 1000 + band + 1, 0x27d4eb2d));
      for (let row = 0; row < rows; row++) key = mix(key ^ minima[band * rows + row]);
      keys.add(key | 0); // PostgreSQL integer: signed 32 bits
    }
    return [...keys];
  };
  return { strict: family(2, STRICT), loose: family(1, LOOSE) };
}

/** A claim's text, ready to be matched: its word hashes and band keys. */
export interface MatchProbe {
  words: number[];
  keys: MatchKeys;
}

export function matchProbe(workspaceId: string, text: string): MatchProbe {
  const words = wordHashes(matchWords(text));
  return { words, keys: matchKeys(workspaceId, words) };
}

/** A claim's words and its band keys (strict, then loose): what migrations ClaimMatchBands and ClaimMatchWords stored. */
export interface ClaimFingerprint {
  words: number[];
  bands: number[];
}

export function claimFingerprint(workspaceId: string, text: string): ClaimFingerprint {
  const { words, keys } = matchProbe(workspaceId, text);
  return { words, bands: [...keys.strict, ...keys.loose] };
}

/** The band keys of a claim's text (migration ClaimMatchBands calls it; ClaimMatchWords recomputed them since). */
export function claimMatchBands(workspaceId: string, text: string): number[] {
  return claimFingerprint(workspaceId, text).bands;
}
