import pairsFile from './fixtures/similar-claim-pairs.json';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim } from './support/claims';

interface Pair {
  label: 'rewording' | 'same_topic' | 'unrelated';
  match: boolean;
  a: string;
  b: string;
}

const PAIRS = pairsFile.pairs as Pair[];

/**
 * Precision and recall of claim matching on a labelled set (test/fixtures/similar-claim-pairs.json).
 * Every sentence of the set is tracked as a claim of one workspace, as a desk would have them:
 * several claims per story, so the claims of the same story are there to be wrongly listed. A
 * pair is predicted a match when `a` is listed by GET /v1/claims/:b/similar.
 */
describe('claim matching on a labelled set of pairs', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await startApp({ appRole: 'api' });
    desk = await createDesk(t, 'quality');
  });
  afterAll(() => t.close());

  it('lists rewordings and leaves out other claims of the same story (precision and recall floors)', async () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(60);
    const texts = [...new Set(PAIRS.flatMap((p) => [p.a, p.b]))];
    const ids = new Map<string, string>();
    for (const text of texts) ids.set(text, (await createClaim(desk.checker, { text })).body.id);

    const listed = new Map<string, Map<string, number>>();
    for (const text of new Set(PAIRS.map((p) => p.b))) {
      const response = await desk.checker.get(`/v1/claims/${ids.get(text)}/similar`);
      expect(response.status).toBe(200);
      listed.set(text, new Map(response.body.items.map((s: { id: string; score: number }) => [s.id, s.score])));
    }

    const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
    const byLabel: Record<string, { listed: number; total: number }> = {};
    const misses: string[] = [];
    for (const pair of PAIRS) {
      const predicted = listed.get(pair.b)!.has(ids.get(pair.a)!);
      const entry = (byLabel[pair.label] ??= { listed: 0, total: 0 });
      entry.total++;
      if (predicted) entry.listed++;
      if (pair.match && predicted) counts.tp++;
      else if (pair.match) counts.fn++;
      else if (predicted) counts.fp++;
      else counts.tn++;
      if (predicted !== pair.match) misses.push(`  ${pair.match ? 'missed  ' : 'listed  '} [${pair.label}] "${pair.a}" ~ "${pair.b}"`);
    }
    const precision = counts.tp / Math.max(1, counts.tp + counts.fp);
    const recall = counts.tp / Math.max(1, counts.tp + counts.fn);
    process.stdout.write(
      [
        `claim matching on ${PAIRS.length} labelled pairs: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${counts.tp}, fp ${counts.fp}, fn ${counts.fn}, tn ${counts.tn})`,
        ...Object.entries(byLabel).map(([label, e]) => `  ${label}: ${e.listed} of ${e.total} listed`),
        ...misses,
        '',
      ].join('\n'),
    );

    // Trigram matching (before MinHash/LSH): precision 0.889, recall 1.000. MinHash/LSH candidates
    // scored by Jaccard of the stemmed words (threshold 0.5): precision 1.000, recall 1.000.
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    // A claim of another story is never listed.
    expect(byLabel.unrelated.listed).toBe(0);
  });
});
