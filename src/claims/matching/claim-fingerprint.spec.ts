import { claimFingerprint, jaccard, LOOSE, MATCH_THRESHOLD, matchKeys, matchWords, STRICT, wordHashes } from './claim-fingerprint';

describe('claim fingerprint', () => {
  it('keeps the stemmed content words, figures whole, small numbers as digits', () => {
    expect(matchWords('Kenya has spent Ksh 2.1 billion on the Haiti mission')).toEqual(['2.1', 'billion', 'haiti', 'kenya', 'ksh', 'mission', 'spent']);
    expect(matchWords('Police recruited 10,000 officers; four in ten were women')).toEqual(matchWords('police recruit 10000 officer 4 in 10 were women'));
    expect(matchWords("The country's teachers' salaries")).toEqual(['countri', 'salari', 'teacher']);
    expect(matchWords('Ça coûte très cher')).toEqual(matchWords('ca coute tres cher'));
    expect(matchWords('It is what it is')).toEqual([]);
  });

  it('scores Jaccard similarity of the word sets', () => {
    expect(jaccard(['a', 'b', 'c'], ['b', 'c', 'd'])).toBe(0.5);
    expect(jaccard(['a'], ['a'])).toBe(1);
    expect(jaccard([], ['a'])).toBe(0);
    const original = matchWords('Kenya has spent Ksh 2.1 billion on the Haiti mission');
    expect(jaccard(original, matchWords('The Haiti mission has cost Kenya 2.1 billion shillings'))).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(jaccard(original, matchWords('Kenya will send another 600 police officers to the Haiti mission'))).toBeLessThan(MATCH_THRESHOLD);
  });

  it('gives stable words and keys (stored in the database: a change needs a migration that recomputes them)', () => {
    const print = claimFingerprint('00000000-0000-4000-8000-000000000001', 'Kenya has spent Ksh 2.1 billion on the Haiti mission');
    expect(print.words).toHaveLength(7);
    expect(print.words).toEqual([...print.words].sort((a, b) => a - b));
    expect(print.bands).toHaveLength(STRICT.bands + LOOSE.bands);
    expect([...print.words, ...print.bands].every((k) => Number.isInteger(k) && k >= -(2 ** 31) && k < 2 ** 31)).toBe(true);
    expect(print.bands.slice(0, 4)).toEqual(KNOWN_KEYS);
    expect(claimFingerprint('00000000-0000-4000-8000-000000000001', 'It is what it is')).toEqual({ words: [], bands: [] });
  });

  it('never shares a key between two workspaces', () => {
    const text = 'The new expressway carried two million vehicles in its first month';
    const a = new Set(claimFingerprint('00000000-0000-4000-8000-000000000001', text).bands);
    expect(claimFingerprint('00000000-0000-4000-8000-000000000002', text).bands.some((k) => a.has(k))).toBe(false);
  });

  it('finds most claims with half their words in common through the loose keys, close ones through the strict keys too', () => {
    // Sets of 12 words: with s shared, Jaccard = s / (24 − s). Many random vocabularies per level.
    const candidateRate = (shared: number, family: 'strict' | 'loose') => {
      let found = 0;
      const trials = 400;
      for (let t = 0; t < trials; t++) {
        const common = Array.from({ length: shared }, (_, i) => `w${t}c${i}`);
        const a = wordHashes([...common, ...Array.from({ length: 12 - shared }, (_, i) => `w${t}a${i}`)]);
        const b = wordHashes([...common, ...Array.from({ length: 12 - shared }, (_, i) => `w${t}b${i}`)]);
        const keys = new Set(matchKeys('ws', a)[family]);
        if (matchKeys('ws', b)[family].some((k) => keys.has(k))) found++;
      }
      return found / trials;
    };
    expect(candidateRate(8, 'loose')).toBeGreaterThan(0.7); // J = 0.5: 1 − (1 − 0.5⁴)²⁴ = 0.79 in theory
    expect(candidateRate(10, 'loose')).toBeGreaterThan(0.95); // J = 0.71
    expect(candidateRate(3, 'loose')).toBeLessThan(0.05); // J = 0.14
    expect(candidateRate(11, 'strict')).toBeGreaterThan(0.95); // J = 0.85
    expect(candidateRate(6, 'strict')).toBeLessThan(0.1); // J = 0.33: 1 − (1 − 0.33⁵)¹⁶ = 0.06
  });
});

/** The first keys of that claim, as computed when migration ClaimMatchWords recomputed them. */
const KNOWN_KEYS = [1111674047, 159899721, -226632595, -2131108501];
