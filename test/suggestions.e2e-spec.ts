import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim, transition } from './support/claims';
import { expectProblem } from './support/http';

/** A news report written for this test; the people are invented. */
const REPORT = [
  'Treasury Cabinet Secretary Amina Wekesa appeared before the budget committee on Thursday.',
  '"The county governments received Ksh 385 billion this year, more than in any year before," she said.',
  'She added that the Treasury will clear all pending bills to suppliers by June 2027.',
  'According to the Controller of Budget, development spending fell by 12% compared with last year.',
  'Wekesa said the government plans to build 200 new health centres within six months.',
  'We believe the new tax measures are fair to ordinary Kenyans, she told the committee.',
  'The session ended shortly after noon.',
].join(' ');

describe('claim intake: suggestions and matching', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await startApp({ appRole: 'api' });
    desk = await createDesk(t);
  });
  afterAll(() => t.close());

  async function source(body: Record<string, unknown>): Promise<string> {
    const response = await desk.checker.post('/v1/sources', { title: 'Budget committee hearing', ...body });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  it('ranks the sentences of a source by check-worthiness, with signals, kinds, speakers and follow-up dates', async () => {
    const id = await source({ text: REPORT, publishedAt: '2026-11-26T09:00:00Z' });
    const { status, body } = await desk.checker.get(`/v1/sources/${id}/suggestions`);
    expect(status).toBe(200);
    const items = body.items as Array<{
      text: string;
      sentence: string;
      kind: string;
      checkworthiness: number;
      signals: string[];
      claimant?: { name: string };
      suggestedFollowUpAt?: string;
    }>;
    const scores = items.map((s) => s.checkworthiness);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);

    const find = (fragment: string) => items.find((s) => s.sentence.includes(fragment))!;
    const counties = find('Ksh 385 billion');
    expect(counties).toMatchObject({ kind: 'statement', claimant: { name: 'Amina Wekesa' } });
    expect(counties.signals).toEqual(expect.arrayContaining(['number', 'money', 'attribution', 'comparison']));
    expect(counties.text).not.toMatch(/she said/);

    const bills = find('pending bills');
    expect(bills).toMatchObject({ kind: 'promise', claimant: { name: 'Amina Wekesa' } });
    expect(bills.signals).toContain('future');
    expect(bills.suggestedFollowUpAt?.slice(0, 7)).toBe('2027-06');

    const clinics = find('health centres');
    expect(clinics.kind).toBe('promise');
    expect(clinics.suggestedFollowUpAt?.slice(0, 7)).toBe('2027-05');

    const opinion = find('We believe');
    expect(opinion.kind).toBe('opinion');
    expect(opinion.signals).toContain('opinion');
    expect(opinion.checkworthiness).toBeLessThan(counties.checkworthiness);
    expect(items.indexOf(opinion)).toBeGreaterThan(items.indexOf(counties));

    const spending = find('development spending');
    expect(spending.signals).toEqual(expect.arrayContaining(['number', 'money', 'attribution', 'comparison']));
    const closing = items.find((s) => s.sentence.includes('session ended'));
    if (closing) expect(closing.checkworthiness).toBeLessThan(spending.checkworthiness);
  });

  it('marks the sentences already turned into claims of this source', async () => {
    const id = await source({ text: REPORT });
    const first = (await desk.checker.get(`/v1/sources/${id}/suggestions`)).body.items[0];
    expect(first.claimId).toBeUndefined();
    const claim = await createClaim(desk.checker, {
      text: first.text,
      quote: first.sentence,
      kind: first.kind,
      claimant: first.claimant ?? { name: 'Unknown' },
      sourceId: id,
    });
    const after = (await desk.checker.get(`/v1/sources/${id}/suggestions`)).body.items;
    expect(after.filter((s: { claimId?: string }) => s.claimId)).toEqual([expect.objectContaining({ sentence: first.sentence, claimId: claim.body.id })]);
  });

  it('answers an empty list for a source with no text, and 404 for another workspace', async () => {
    const id = await source({});
    expect((await desk.checker.get(`/v1/sources/${id}/suggestions`)).body).toEqual({ items: [] });
    const other = await createDesk(t, 'other');
    expectProblem(await other.checker.get(`/v1/sources/${id}/suggestions`), 404, 'NOT_FOUND');
  });

  it('handles a source of nearly 1 MB', async () => {
    const paragraph = `${REPORT}\n\n`;
    const text = paragraph.repeat(Math.floor(1_000_000 / paragraph.length));
    const id = await source({ text });
    const response = await desk.checker.get(`/v1/sources/${id}/suggestions`);
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeGreaterThan(1000);
  });

  describe('matching against claims already checked', () => {
    it('a reworded claim finds the original, with its published verdict; an unrelated one does not', async () => {
      const own = await createDesk(t, 'matching');
      const original = await createClaim(own.checker, { text: 'Kenya has spent Ksh 2.1 billion on the Haiti mission' });
      await createClaim(own.checker, { text: 'Nairobi county opened twelve new health clinics this year' });
      await transition(own.checker, original.body.id, { to: 'in_research' });
      await own.checker.post(`/v1/claims/${original.body.id}/evidence`, { description: 'Budget estimates', stance: 'supports' });
      await transition(own.checker, original.body.id, { to: 'in_review', verdict: { rating: 'mostly_true', summary: 'Close to the budget figure.' } });
      await transition(own.editor, original.body.id, { to: 'published' });

      const reworded = await createClaim(own.checker, { text: 'The Haiti mission has cost Kenya 2.1 billion shillings' });
      expect(reworded.body.similar).toEqual([
        {
          id: original.body.id,
          text: original.body.text,
          status: 'published',
          verdict: expect.objectContaining({ rating: 'mostly_true' }),
          score: expect.any(Number),
        },
      ]);
      expect(reworded.body.similar[0].score).toBeGreaterThan(0.35);
      expect(reworded.body.similar[0].score).toBeLessThanOrEqual(1);
      const listed = await own.checker.get(`/v1/claims/${reworded.body.id}/similar`);
      expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([original.body.id]);

      const unrelated = await createClaim(own.checker, { text: 'The national teachers union called off its strike on Monday' });
      expect(unrelated.body.similar).toEqual([]);
    });

    it('GET /v1/claims/similar finds for a text not tracked yet what its 201 would list, and nothing of another workspace', async () => {
      const own = await createDesk(t, 'draft');
      const other = await createDesk(t, 'draft-other');
      const original = await createClaim(own.checker, { text: 'Kenya has spent Ksh 2.1 billion on the Haiti mission' });
      await createClaim(own.checker, { text: 'Nairobi county opened twelve new health clinics this year' });
      await createClaim(other.checker, { text: 'The Haiti mission has cost Kenya 2.1 billion shillings' });
      const draft = 'The Haiti mission has cost Kenya 2.1 billion shillings';

      const found = await own.checker.get(`/v1/claims/similar?text=${encodeURIComponent(draft)}`);
      expect(found.status).toBe(200);
      expect(found.body).toEqual({
        items: [{ id: original.body.id, text: original.body.text, status: 'submitted', verdict: null, score: expect.any(Number) }],
      });
      // The same list the claim gets once it is tracked.
      const tracked = await createClaim(own.checker, { text: draft });
      expect(tracked.body.similar).toEqual(found.body.items);

      const unrelated = await own.checker.get(`/v1/claims/similar?text=${encodeURIComponent('The teachers union called off its strike')}`);
      expect(unrelated.body).toEqual({ items: [] });
      expectProblem(await own.checker.get('/v1/claims/similar'), 400, 'VALIDATION_FAILED');
      expectProblem(await own.checker.get(`/v1/claims/similar?text=${'x'.repeat(5001)}`), 400, 'VALIDATION_FAILED');
    });

    it('never shows claims of another workspace', async () => {
      const a = await createDesk(t, 'match-a');
      const b = await createDesk(t, 'match-b');
      await createClaim(a.checker, { text: 'The new expressway carried two million vehicles in its first month' });
      const mine = await createClaim(b.checker, { text: 'The new expressway carried two million vehicles in its first month' });
      expect(mine.body.similar).toEqual([]);
    });

    it('GET …/similar lists every claim above the threshold, up to 50, best first; the 201 shows its first five', async () => {
      const own = await createDesk(t, 'similar50');
      const probeText = 'Kenya has spent Ksh 2.1 billion on the Haiti mission so far';
      const ids: Record<string, number> = {};
      const add = async (text: string, score: number) => (ids[(await createClaim(own.checker, { text })).body.id] = score);
      await add(probeText, 1);
      for (let i = 10; i < 50; i++) await add(`Kenya has spent Ksh ${i}.5 billion on the Haiti mission so far`, 0.778);
      for (let i = 10; i < 25; i++) await add(`Kenya has spent Ksh ${i}.5 billion on the Haiti police mission so far`, 0.7);
      const sameStory = (await createClaim(own.checker, { text: 'Kenya will send another 600 police officers to the Haiti mission' })).body.id;

      const probe = await createClaim(own.checker, { text: probeText });
      const listed = await own.checker.get(`/v1/claims/${probe.body.id}/similar`);
      expect(listed.status).toBe(200);
      const items: Array<{ id: string; score: number }> = listed.body.items;
      expect(items).toHaveLength(50);
      expect(items.map((s) => s.score)).toEqual([1, ...Array(40).fill(0.778), ...Array(9).fill(0.7)]);
      expect(items.every((s) => ids[s.id] === s.score)).toBe(true);
      expect(items.map((s) => s.id)).not.toContain(sameStory);
      expect(probe.body.similar.map((s: { id: string }) => s.id)).toEqual(items.slice(0, 5).map((s) => s.id));
    });

    it('ranks the closest first and shows at most five', async () => {
      const own = await createDesk(t, 'top5');
      for (let i = 0; i < 7; i++) await createClaim(own.checker, { text: `Kenya has spent Ksh 2.${i} billion on the Haiti mission so far` });
      const probe = await createClaim(own.checker, { text: 'Kenya has spent Ksh 2.1 billion on the Haiti mission so far' });
      expect(probe.body.similar).toHaveLength(5);
      const scores = probe.body.similar.map((s: { score: number }) => s.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
    });
  });
});
