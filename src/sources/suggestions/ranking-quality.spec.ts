/**
 * Ranking quality on the labelled sentences of test/fixtures/checkworthiness.ts.
 *
 * Method: every labelled sentence is run through the engine ON ITS OWN (preceded by its
 * `context` sentence when it has one, so a "she said" can resolve), and takes the score of
 * the suggestion whose `sentence` is the labelled one; a sentence the engine drops
 * (questions, fragments) scores 0. The sentences are ranked by score (ties: set order), the
 * TOP HALF is read as "predicted check-worthy", and precision and recall of the
 * check-worthy label are computed on it.
 */
import { checkworthinessSet, heldOutSet, type LabelledSentence } from '../../../test/fixtures/checkworthiness';
import { splitSentences } from './sentences';
import { suggestClaims } from './suggest';

const referenceDate = new Date('2026-03-10T09:00:00Z');

interface Quality {
  precision: number;
  recall: number;
  misranked: string[];
}

function scoreOf(item: LabelledSentence): number {
  const text = item.context ? `${item.context} ${item.sentence}` : item.sentence;
  const found = suggestClaims(text, { referenceDate }).find((s) => s.sentence === item.sentence);
  return found?.checkworthiness ?? 0;
}

function topHalfQuality(set: LabelledSentence[]): Quality {
  const ranked = set.map((item) => ({ item, score: scoreOf(item) })).sort((a, b) => b.score - a.score);
  const topHalf = ranked.slice(0, Math.floor(ranked.length / 2));
  const truePositives = topHalf.filter((r) => r.item.checkworthy).length;
  const positives = set.filter((item) => item.checkworthy).length;
  const misranked = ranked
    .filter((r, i) => i < topHalf.length !== r.item.checkworthy)
    .map((r) => `${r.score.toFixed(3)} ${r.item.checkworthy ? 'check-worthy' : 'not'}: ${r.item.sentence}`);
  return { precision: truePositives / topHalf.length, recall: truePositives / positives, misranked };
}

describe('ranking quality on the labelled set', () => {
  it('has at least 60 sentences, about half of them check-worthy', () => {
    expect(checkworthinessSet.length).toBeGreaterThanOrEqual(60);
    const share = checkworthinessSet.filter((s) => s.checkworthy).length / checkworthinessSet.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  it('splits the whole set, joined into one text, back into its sentences', () => {
    const joined = checkworthinessSet.map((s) => s.sentence).join(' ');
    expect(splitSentences(joined).map((s) => s.text)).toEqual(checkworthinessSet.map((s) => s.sentence));
  });

  it('puts check-worthy sentences in the top half: precision and recall ≥ 0.8', () => {
    const quality = topHalfQuality(checkworthinessSet);
    console.log(
      `labelled set (${checkworthinessSet.length}): top-half precision ${quality.precision.toFixed(3)}, recall ${quality.recall.toFixed(3)}` +
        (quality.misranked.length ? `\nmisranked:\n${quality.misranked.join('\n')}` : ''),
    );
    expect(quality.precision).toBeGreaterThanOrEqual(0.8);
    expect(quality.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('does as well on the held-out set written after the engine', () => {
    const quality = topHalfQuality(heldOutSet);
    console.log(
      `held-out set (${heldOutSet.length}): top-half precision ${quality.precision.toFixed(3)}, recall ${quality.recall.toFixed(3)}` +
        (quality.misranked.length ? `\nmisranked:\n${quality.misranked.join('\n')}` : ''),
    );
    expect(quality.precision).toBeGreaterThanOrEqual(0.8);
    expect(quality.recall).toBeGreaterThanOrEqual(0.8);
  });
});
