import { Client } from 'pg';
import { SimilarClaims, SYNC_AFTER_MS } from '../src/claims/similar-claims';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim } from './support/claims';
import { HttpClient } from './support/http';
import { sleep, waitFor } from './support/wait';

/**
 * Matching runs in each API host's memory (src/claims/similar-claims.ts). Two hosts on one
 * database: what one writes, the other matches within SYNC_AFTER_MS, and so it does for a claim
 * written by anything else (a worker, a migration, a script).
 */
describe('claim matching across API hosts', () => {
  let a: TestApp;
  let b: TestApp;
  let desk: Desk;
  let onB: HttpClient;

  beforeAll(async () => {
    a = await startApp({ appRole: 'api' });
    b = await startApp({ appRole: 'api', adminToken: a.config.adminToken, queuePrefix: a.config.queuePrefix }, a.db);
    desk = await createDesk(a, 'hosts');
    onB = new HttpClient(b.http.baseUrl, desk.checker.defaultToken);
    // Host B builds its index of the workspace now, before anything is written on A.
    expect((await onB.get(`/v1/claims/similar?text=${encodeURIComponent('The Haiti mission')}`)).status).toBe(200);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const similarOnB = async (text: string) => {
    const response = await onB.get(`/v1/claims/similar?text=${encodeURIComponent(text)}`);
    expect(response.status).toBe(200);
    return (response.body.items as Array<{ id: string; score: number }>).map((s) => s.id);
  };

  it('matches on one host a claim created on the other, once SYNC_AFTER_MS has passed', async () => {
    const original = (await createClaim(desk.checker, { text: 'Kenya has spent Ksh 2.1 billion on the Haiti mission' })).body;
    await sleep(SYNC_AFTER_MS + 50);
    const created = await onB.post('/v1/claims', {
      text: 'The Haiti mission has cost Kenya 2.1 billion shillings',
      kind: 'statement',
      claimant: { name: 'A senator' },
    });
    expect(created.status).toBe(201);
    expect(created.body.similar.map((s: { id: string }) => s.id)).toEqual([original.id]);
    // And back: host A matches what B created, which B itself matched at once.
    expect((await desk.checker.get(`/v1/claims/${original.id}/similar`)).body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    expect((await onB.get(`/v1/claims/${created.body.id}/similar`)).body.items.map((s: { id: string }) => s.id)).toEqual([original.id]);
  });

  it('matches an edited claim on its new text on the other host', async () => {
    const claim = (await createClaim(desk.checker, { text: 'The county built forty new classrooms in one year' })).body;
    await waitFor(async () => (await similarOnB('The county built forty new classrooms in a single year')).includes(claim.id), {
      what: 'the claim matched on B',
    });
    const edited = await desk.checker.patch(
      `/v1/claims/${claim.id}`,
      { text: 'Maize prices fell by a third after the harvest in the Rift Valley' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(edited.status).toBe(200);
    await sleep(SYNC_AFTER_MS + 50);
    expect(await similarOnB('The county built forty new classrooms in a single year')).not.toContain(claim.id);
    expect(await similarOnB('After the harvest maize prices in the Rift Valley fell by a third')).toContain(claim.id);
  });

  it('matches a claim that neither host wrote, read from the database', async () => {
    // A copy written straight into the database, with the words the service computed for the original.
    const template = (await createClaim(desk.checker, { text: 'The ministry hired 3,000 nurses for rural clinics last year' })).body;
    const db = new Client({ connectionString: a.db.url });
    await db.connect();
    const written = db.query(
      `INSERT INTO claims (workspace_id, text, kind, claimant_name, created_by, match_words)
       SELECT workspace_id, text, kind, claimant_name, created_by, match_words FROM claims WHERE id = $1 RETURNING id`,
      [template.id],
    );
    const copy: string = (await written.finally(() => db.end())).rows[0].id;
    await sleep(SYNC_AFTER_MS + 50);
    for (const similar of [
      similarOnB,
      async (text: string) => (await desk.checker.get(`/v1/claims/similar?text=${encodeURIComponent(text)}`)).body.items.map((s: { id: string }) => s.id),
    ]) {
      expect(await similar('Last year the ministry hired 3,000 nurses for rural clinics')).toEqual(expect.arrayContaining([template.id, copy]));
    }
  });

  it('keeps at most MATCH_INDEX_MAX_CLAIMS claims indexed, dropping the least recently used workspace, and builds it again when needed', async () => {
    const c = await startApp({ appRole: 'api', adminToken: a.config.adminToken, queuePrefix: a.config.queuePrefix, matchIndexMaxClaims: 3 }, a.db);
    try {
      const onC = new HttpClient(c.http.baseUrl, desk.checker.defaultToken);
      const indexed = () => c.app.get(SimilarClaims).indexed();
      const haiti = 'The Haiti mission has cost Kenya 2.1 billion shillings';
      const firstOnC = await onC.get(`/v1/claims/similar?text=${encodeURIComponent(haiti)}`);
      expect(firstOnC.body.items.length).toBeGreaterThan(0);
      // The workspace in use stays indexed even when it alone is over the budget.
      expect(indexed()).toEqual([{ workspaceId: desk.workspaceId, claims: expect.any(Number) }]);
      expect(indexed()[0].claims).toBeGreaterThan(3);

      const other = await createDesk(a, 'hosts-other');
      await createClaim(other.checker, { text: 'The port of Mombasa handled a record tonnage this year' });
      const otherOnC = new HttpClient(c.http.baseUrl, other.checker.defaultToken);
      expect((await otherOnC.get(`/v1/claims/similar?text=${encodeURIComponent('Mombasa port handled record tonnage')}`)).body.items).toHaveLength(1);
      expect(indexed()).toEqual([{ workspaceId: other.workspaceId, claims: 1 }]);

      // Back to the first workspace: built again, and it matches as before.
      const again = await onC.get(`/v1/claims/similar?text=${encodeURIComponent(haiti)}`);
      expect(again.body.items).toEqual(firstOnC.body.items);
      expect(indexed().map((w) => w.workspaceId)).toEqual([desk.workspaceId]);
    } finally {
      await c.close();
    }
  });
});
