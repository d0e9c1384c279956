import { wordHashes, matchWords } from './claim-fingerprint';
import type { IndexedClaim } from './match-thread';
import { Matcher } from './matcher';

const HAITI = '00000000-0000-4000-8000-00000000000a';
const BUDGET = '00000000-0000-4000-8000-00000000000b';

function claim(id: string, text: string, seq = 1): IndexedClaim {
  return { id, words: wordHashes(matchWords(text)), seq };
}

describe('Matcher (the matching thread)', () => {
  let lost: Error[];
  let matcher: Matcher;

  beforeEach(() => {
    lost = [];
    matcher = new Matcher((error) => lost.push(error));
  });

  afterEach(() => matcher.close());

  it('matches on the thread against what it was given, workspace by workspace, and answers the text’s words', async () => {
    expect(await matcher.index(HAITI, [claim('a', 'Kenya has spent Ksh 2.1 billion on the Haiti mission')])).toBe(1);
    // Handed over without an answer: the question after it sees it.
    matcher.add(HAITI, claim('b', 'The Haiti mission has cost Kenya 2.1 billion shillings'));
    matcher.add(BUDGET, claim('c', 'The Haiti mission has cost Kenya 2.1 billion shillings'));

    const text = 'Kenya spent 2.1 billion shillings on the Haiti mission';
    const [onHaiti, onBudget, except] = await Promise.all([
      matcher.match(HAITI, text, '', 50),
      matcher.match(BUDGET, text, '', 50),
      matcher.match(HAITI, text, 'a', 50),
    ]);
    expect(onHaiti.words).toEqual(wordHashes(matchWords(text)));
    expect(onHaiti.matches.map((m) => m.id).sort()).toEqual(['a', 'b']);
    expect(onHaiti.size).toBe(2);
    expect(onBudget.matches.map((m) => m.id)).toEqual(['c']);
    expect(except.matches.map((m) => m.id)).toEqual(['b']);

    matcher.drop(HAITI);
    expect((await matcher.match(HAITI, text, '', 50)).matches).toEqual([]);
    expect(lost).toEqual([]);
  });

  it('fails the waiting questions when the thread dies, says the indexes are lost, and starts a new thread', async () => {
    await matcher.index(HAITI, [claim('a', 'Kenya has spent Ksh 2.1 billion on the Haiti mission')]);
    matcher.add(HAITI, { id: 'broken', words: null, seq: 1 } as unknown as IndexedClaim); // the thread throws on it, with nobody waiting
    await expect(matcher.match(HAITI, 'Kenya spent 2.1 billion on the Haiti mission', '', 50)).rejects.toThrow();
    expect(lost).toHaveLength(1);

    // A new thread, with no index: built again by whoever uses it (SimilarClaims, from PostgreSQL).
    expect((await matcher.match(HAITI, 'Kenya spent 2.1 billion on the Haiti mission', '', 50)).matches).toEqual([]);
    expect(await matcher.index(HAITI, [claim('a', 'Kenya has spent Ksh 2.1 billion on the Haiti mission')])).toBe(1);
    expect((await matcher.match(HAITI, 'Kenya spent 2.1 billion on the Haiti mission', '', 50)).matches.map((m) => m.id)).toEqual(['a']);
  });
});
