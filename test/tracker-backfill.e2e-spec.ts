import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/options';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { transition } from './support/claims';
import { publishClaim, rateAndPublish, reopen } from './support/tracker';

/**
 * Migration PublicTracker fills the tracker's copies for claims published before it, from the
 * append-only history. Claims published through the API (so the copies are the ones the
 * publisher wrote), the copies dropped by undoing the migration, the migration run again: it
 * must give the same copies — also for a claim reopened and edited since, whose edit, new
 * evidence and new proposal stay unpublished.
 */
describe('the tracker backfill (migration PublicTracker)', () => {
  let t: TestApp;
  let desk: Desk;
  let migrations: DataSource;
  beforeAll(async () => {
    t = await startApp({ appRole: 'api' });
    desk = await createDesk(t);
    migrations = new DataSource(dataSourceOptions({ databaseUrl: t.db.url, poolSize: 1 }));
    await migrations.initialize();
  });
  afterAll(async () => {
    await migrations?.destroy();
    await t.close();
  });

  const entries = () =>
    migrations.query(
      `SELECT claim_id, workspace_id, kind, text, claimant_name, claimant_affiliation, claimant_slug, quote, claimed_at, source_title, source_url,
              rating, summary, review_url, published_at, rechecking, evidence
         FROM tracker_entries ORDER BY claim_id`,
    );
  const publications = () =>
    migrations.query(
      `SELECT workspace_id, claim_id, kind, text, claimant_name, claimant_slug, rating, summary, review_url, published_at
         FROM tracker_publications ORDER BY claim_id, published_at`,
    );

  it('gives the copies the publisher wrote, for published, re-rated, edited and reopened claims', async () => {
    const source = (await desk.checker.post('/v1/sources', { title: 'Hansard', url: 'https://parliament.example/hansard' })).body.id;
    await publishClaim(desk, {
      text: 'Kenya will be reimbursed',
      claimant: { name: "Korir Sing'Oei", affiliation: 'PS' },
      quote: 'We will be reimbursed',
      claimedAt: '2026-11-20T09:00:00.000Z',
      sourceId: source,
      rating: 'in_the_works',
      reviewUrl: 'https://desk.example/a',
      evidence: [
        { description: 'First', url: 'https://un.example/1', stance: 'supports' },
        { description: 'Second', stance: 'refutes' },
      ],
    });
    const rerated = await publishClaim(desk, { text: 'The fund will pay', rating: 'stalled' });
    await reopen(desk, rerated, 'new facts');
    await rateAndPublish(desk, rerated, { rating: 'kept', evidence: [{ description: 'Payment record', stance: 'supports' }] });
    // Edited while published: public at once.
    const live = await publishClaim(desk, { text: 'Officers will be paid monthly', kind: 'statement', rating: 'half_true' });
    const current = await desk.editor.get(`/v1/claims/${live}`);
    await desk.editor.patch(`/v1/claims/${live}`, { text: 'Officers will be paid every month' }, { headers: { 'if-match': current.headers.get('etag')! } });
    // Reopened, then edited, given evidence and a new proposal: none of it public.
    const reopened = await publishClaim(desk, { text: 'The clinic will open in March', claimant: { name: 'County Health' }, rating: 'broken' });
    await reopen(desk, reopened, 'check again');
    const again = await desk.editor.get(`/v1/claims/${reopened}`);
    await desk.editor.patch(
      `/v1/claims/${reopened}`,
      { text: 'UNPUBLISHED EDIT', claimant: { name: 'UNPUBLISHED NAME' }, quote: 'UNPUBLISHED QUOTE' },
      { headers: { 'if-match': again.headers.get('etag')! } },
    );
    await desk.checker.post(`/v1/claims/${reopened}/evidence`, { description: 'UNPUBLISHED EVIDENCE', stance: 'context' });
    await transition(desk.checker, reopened, { to: 'in_review', verdict: { rating: 'kept', summary: 'UNPUBLISHED PROPOSAL' } });

    const before = { entries: await entries(), publications: await publications() };
    expect(before.entries).toHaveLength(4);
    expect(before.publications).toHaveLength(5);
    expect(JSON.stringify(before)).not.toContain('UNPUBLISHED');

    // Undo back to before PublicTracker (and whatever came after it), then migrate again.
    const executed = async (): Promise<string[]> => (await migrations.query(`SELECT name FROM migrations`)).map((r: { name: string }) => r.name);
    while ((await executed()).includes('PublicTracker1795850000000')) await migrations.undoLastMigration({ transaction: 'each' });
    await migrations.runMigrations({ transaction: 'each' });

    // The history dates a publication at its transaction's start, the claim a moment later: equal to the second.
    const same = (after: Array<{ published_at: Date }>, expected: Array<{ published_at: Date }>) => {
      const undated = (rows: Array<{ published_at: Date }>) => rows.map(({ published_at: _, ...rest }) => rest);
      expect(undated(after)).toEqual(undated(expected));
      after.forEach((row, i) => expect(Math.abs(row.published_at.getTime() - expected[i].published_at.getTime())).toBeLessThan(1000));
    };
    same(await entries(), before.entries);
    same(await publications(), before.publications);
  });
});
