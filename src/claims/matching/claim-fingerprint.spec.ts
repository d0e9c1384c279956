import { BANDS, claimMatchBands, jaccard, MATCH_THRESHOLD, matchBands, matchWords } from './claim-fingerprint';

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

  it('gives stable keys (stored in the database: a change needs a migration that recomputes them)', () => {
    const keys = claimMatchBands('00000000-0000-4000-8000-000000000001', 'Kenya has spent Ksh 2.1 billion on the Haiti mission');
    expect(keys).toHaveLength(BANDS);
    expect(keys.every((k) => Number.isInteger(k) && k >= -(2 ** 31) && k < 2 ** 31)).toBe(true);
    expect(keys.slice(0, 4)).toEqual(KNOWN_KEYS);
    expect(claimMatchBands('00000000-0000-4000-8000-000000000001', 'It is what it is')).toEqual([]);
  });

  it('never shares a key between two workspaces', () => {
    const text = 'The new expressway carried two million vehicles in its first month';
    const a = new Set(claimMatchBands('00000000-0000-4000-8000-000000000001', text));
    expect(claimMatchBands('00000000-0000-4000-8000-000000000002', text).some((k) => a.has(k))).toBe(false);
  });

  it('makes claims with half their words in common candidates almost always, and different claims of a story seldom', () => {
    // Sets of 12 words: with s shared, Jaccard = s / (24 − s). Many random vocabularies per level.
    const candidateRate = (shared: number) => {
      let found = 0;
      const trials = 400;
      for (let t = 0; t < trials; t++) {
        const common = Array.from({ length: shared }, (_, i) => `w${t}c${i}`);
        const a = [...common, ...Array.from({ length: 12 - shared }, (_, i) => `w${t}a${i}`)].sort();
        const b = [...common, ...Array.from({ length: 12 - shared }, (_, i) => `w${t}b${i}`)].sort();
        const keys = new Set(matchBands('ws', a));
        if (matchBands('ws', b).some((k) => keys.has(k))) found++;
      }
      return found / trials;
    };
    expect(candidateRate(8)).toBeGreaterThan(0.92); // J = 0.5 (1 − (1 − 0.5³)²⁴ = 0.96 in theory)
    expect(candidateRate(3)).toBeLessThan(0.1); // J = 0.14
  });
});

/** The first keys of that claim, as computed when the keys were introduced (migration ClaimMatchBands). */
const KNOWN_KEYS = [-919723488, -1807221114, 282936437, 1862935163];
