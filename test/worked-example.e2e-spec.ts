import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { inDays, transition } from './support/claims';

/**
 * The worked example of the contract, end to end: a desk checks what a Kenyan official said
 * about the Haiti security mission.
 */
describe("the worked example: PS Sing'Oei on the Haiti mission", () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await startApp();
    desk = await createDesk(t, 'haiti');
  });
  afterAll(() => t.close());

  const official = { name: "Korir Sing'Oei", affiliation: 'Principal Secretary, Ministry of Foreign Affairs' };

  it('researches, reviews, sends back, re-proposes and publishes the Ksh 2.1 billion statement, with every step in the history', async () => {
    const source = await desk.checker.post('/v1/sources', {
      title: "PS Sing'Oei briefs reporters on Haiti",
      url: 'https://news.example/haiti-briefing',
      publishedAt: '2026-11-20T08:00:00Z',
    });
    const created = await desk.checker.post('/v1/claims', {
      text: 'Kenya has spent Ksh 2.1 billion on the Haiti mission',
      kind: 'statement',
      claimant: official,
      sourceId: source.body.id,
      claimedAt: '2026-11-20T08:00:00Z',
      tags: ['haiti', 'budget'],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    expect((await transition(desk.checker, id, { to: 'in_research' })).body.status).toBe('in_research');
    expect(
      (
        await desk.checker.post(`/v1/claims/${id}/evidence`, {
          description: 'Supplementary estimates: Ksh 2.06 billion allocated to the deployment',
          url: 'https://treasury.example/estimates',
          stance: 'supports',
        })
      ).status,
    ).toBe(201);
    const proposed = await transition(desk.checker, id, {
      to: 'in_review',
      verdict: { rating: 'mostly_true', summary: 'The Treasury shows Ksh 2.06 billion, close to the figure given.' },
    });
    expect(proposed.body.verdict).toMatchObject({ rating: 'mostly_true', proposedBy: desk.checker.userId });

    const sentBack = await transition(desk.editor, id, { to: 'in_research', note: 'Add the Controller of Budget report before we rate this.' });
    expect(sentBack.body.status).toBe('in_research');
    await desk.checker.post(`/v1/claims/${id}/evidence`, {
      description: 'Controller of Budget quarterly report: spending to date on the mission',
      stance: 'supports',
    });
    await transition(desk.checker, id, {
      to: 'in_review',
      verdict: { rating: 'mostly_true', summary: 'Two official sources put spending at about Ksh 2.06 billion.' },
    });
    const published = await transition(desk.editor2, id, { to: 'published', reviewUrl: 'https://desk.example/checks/haiti-spending' });
    expect(published.body).toMatchObject({ status: 'published', publishedAt: expect.any(String), reviewUrl: 'https://desk.example/checks/haiti-spending' });

    const history = (await desk.checker.get(`/v1/claims/${id}/history`)).body.items;
    expect(history.map((e: { type: string; actor: { name: string } | null; data: { to?: string } }) => [e.type, e.actor?.name, e.data.to ?? null])).toEqual([
      ['claim.created', 'Chebet', null],
      ['claim.transitioned', 'Chebet', 'in_research'],
      ['evidence.added', 'Chebet', null],
      ['claim.transitioned', 'Chebet', 'in_review'],
      ['claim.transitioned', 'Achieng', 'in_research'],
      ['evidence.added', 'Chebet', null],
      ['claim.transitioned', 'Chebet', 'in_review'],
      ['claim.transitioned', 'Baraka', 'published'],
    ]);
    expect(history[4].data.note).toBe('Add the Controller of Budget report before we rate this.');
    expect(history[7].data.verdict).toMatchObject({ rating: 'mostly_true', proposedBy: desk.checker.userId });

    const review = (await desk.checker.get(`/v1/claims/${id}/claimreview`)).body;
    expect(review).toMatchObject({
      '@type': 'ClaimReview',
      claimReviewed: 'Kenya has spent Ksh 2.1 billion on the Haiti mission',
      url: 'https://desk.example/checks/haiti-spending',
      reviewRating: { ratingValue: 4, bestRating: 5, worstRating: 1, alternateName: 'Mostly true' },
      itemReviewed: { '@type': 'Claim', author: { name: "Korir Sing'Oei" }, appearance: { url: 'https://news.example/haiti-briefing' } },
    });

    // A correction: reopened and published again; both publications stay in the history.
    await transition(desk.editor, id, { to: 'in_research', note: 'The Treasury revised its figure.' });
    await transition(desk.checker, id, { to: 'in_review', verdict: { rating: 'true', summary: 'Revised figures match Ksh 2.1 billion.' } });
    await transition(desk.editor, id, { to: 'published' });
    const publications = (await desk.checker.get(`/v1/claims/${id}/history`)).body.items.filter((e: { data: { to?: string } }) => e.data.to === 'published');
    expect(publications.map((e: { data: { verdict: { rating: string } } }) => e.data.verdict.rating)).toEqual(['mostly_true', 'true']);
  });

  it('rejects the opinion about US immigration policy with a note', async () => {
    const { body } = await desk.checker.post('/v1/claims', {
      text: "The mission fits the incoming US administration's immigration policy",
      kind: 'opinion',
      claimant: official,
    });
    const rejected = await transition(desk.editor, body.id, { to: 'rejected', note: 'An opinion about policy fit: nothing to check.' });
    expect(rejected.body.status).toBe('rejected');
    const last = (await desk.checker.get(`/v1/claims/${body.id}/history`)).body.items.at(-1);
    expect(last).toMatchObject({
      type: 'claim.transitioned',
      actor: { name: 'Achieng' },
      data: { from: 'submitted', to: 'rejected', note: 'An opinion about policy fit: nothing to check.' },
    });
  });

  it('monitors the reimbursement promise until its follow-up date', async () => {
    const { body } = await desk.checker.post('/v1/claims', {
      text: 'The money Kenya spent on the Haiti mission will be reimbursed to Kenya',
      kind: 'promise',
      claimant: official,
    });
    await transition(desk.checker, body.id, { to: 'in_research' });
    const followUpAt = inDays(90);
    const monitored = await transition(desk.checker, body.id, { to: 'monitoring', followUpAt });
    expect(monitored.body).toMatchObject({ status: 'monitoring', followUpAt: new Date(followUpAt).toISOString(), assignee: { id: desk.checker.userId } });
  });
});
