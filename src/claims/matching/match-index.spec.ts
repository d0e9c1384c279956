import { matchKeys, matchWords, wordHashes } from './claim-fingerprint';
import { LOOSE_CANDIDATES, MatchIndex, STRICT_CANDIDATES } from './match-index';

const WORKSPACE = '00000000-0000-4000-8000-000000000001';

function probe(text: string) {
  const words = wordHashes(matchWords(text));
  return { words, keys: matchKeys(WORKSPACE, words) };
}

function add(index: MatchIndex, id: string, text: string, seq = 1): void {
  const { words, keys } = probe(text);
  index.upsert(id, words, keys, seq);
}

const ORIGINAL = 'Kenya has spent Ksh 2.1 billion on the Haiti mission';
const REWORDED = 'The Haiti mission has cost Kenya 2.1 billion shillings';

describe('MatchIndex', () => {
  it('finds a rewording, scores it exactly, and leaves out other claims of the same story and the one excepted', () => {
    const index = new MatchIndex();
    add(index, 'a', ORIGINAL);
    add(index, 'b', 'Kenya will send another 600 police officers to the Haiti mission');
    add(index, 'c', 'The budget gives schools 40 billion shillings next year');
    const { words, keys } = probe(REWORDED);
    const matches = index.match(words, keys, '', 50);
    expect(matches.map((m) => m.id)).toEqual(['a']);
    expect(matches[0].score).toBeCloseTo(5 / 9, 5); // shared: 2.1 billion haiti kenya mission; all: + cost shilling ksh spent
    expect(index.match(words, keys, 'a', 50)).toEqual([]);
  });

  it('ranks best first, ties by the smaller id, and stops at the limit', () => {
    const index = new MatchIndex();
    add(index, 'd', ORIGINAL);
    add(index, 'b', ORIGINAL);
    add(index, 'c', REWORDED);
    const { words, keys } = probe(ORIGINAL);
    expect(index.match(words, keys, '', 50).map((m) => m.id)).toEqual(['b', 'd', 'c']);
    expect(index.match(words, keys, '', 2).map((m) => m.id)).toEqual(['b', 'd']);
  });

  it('matches a claim on its newest text only, whatever order the writes arrive in', () => {
    const index = new MatchIndex();
    add(index, 'a', ORIGINAL, 10);
    add(index, 'a', 'The county built forty new classrooms in one year', 12);
    add(index, 'a', ORIGINAL, 11); // an older write, read late
    const old = probe(REWORDED);
    expect(index.match(old.words, old.keys, '', 50)).toEqual([]);
    const now = probe('The county built forty new classrooms in a single year');
    expect(index.match(now.words, now.keys, '', 50).map((m) => m.id)).toEqual(['a']);
    expect(index.holds('a', probe('The county built forty new classrooms in one year').words)).toBe(true);
    expect(index.holds('a', old.words)).toBe(false);
    expect(index.size).toBe(1);
  });

  it('scores a bounded number of claims however many share the probe’s keys', () => {
    const index = new MatchIndex();
    // 3,000 copies of one text share every key with it: far more entries than the tables start with.
    const { words, keys } = probe(ORIGINAL);
    for (let i = 0; i < 3000; i++) index.upsert(`copy-${String(i).padStart(4, '0')}`, words, keys, 1);
    const counts = { scored: 0 };
    const matches = index.match(words, keys, '', 50, counts);
    expect(counts.scored).toBe(STRICT_CANDIDATES + LOOSE_CANDIDATES);
    expect(matches).toHaveLength(50);
    expect(matches.every((m) => m.score === 1)).toBe(true);
    expect(index.size).toBe(3000);
  });

  it('lists for a claim what it listed for its text before the claim was there, however many share its keys', () => {
    const index = new MatchIndex();
    // 200 copies, the oldest with the smallest ids: the bounds leave the oldest out, and the ids break the ties.
    for (let i = 0; i < 200; i++) add(index, `copy-${String(i).padStart(4, '0')}`, ORIGINAL);
    const { words, keys } = probe(ORIGINAL);
    const before = index.match(words, keys, '', 5);
    index.upsert('itself', words, keys, 2);
    expect(index.match(words, keys, 'itself', 5)).toEqual(before);
    expect(before.map((m) => m.id)).toEqual(['copy-0070', 'copy-0071', 'copy-0072', 'copy-0073', 'copy-0074']);
  });

  it('finds every claim on its own words once its tables fill many pages', () => {
    const index = new MatchIndex();
    // Each text has figures of its own: 8,000 claims of about nine words and 40 keys each fill
    // more than one page (65,536) of words and several of key entries.
    const text = (i: number) => `Claim ${i} says ${i * 7} schools got ${i * 13} desks and ${i * 31} books`;
    for (let i = 1; i <= 8000; i++) add(index, `claim-${i}`, text(i));
    for (let i = 1; i <= 8000; i += 499) {
      const { words, keys } = probe(text(i));
      expect(index.match(words, keys, '', 1)).toEqual([{ id: `claim-${i}`, score: 1 }]);
    }
    expect(index.size).toBe(8000);
  });

  it('knows nothing of a text without content words', () => {
    const index = new MatchIndex();
    add(index, 'a', 'It is what it is');
    const { words, keys } = probe('It is what it is');
    expect(index.match(words, keys, '', 50)).toEqual([]);
  });
});
