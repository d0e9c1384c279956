import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim, transition } from './support/claims';
import { expectProblem, type HttpClient } from './support/http';
import { sleep, waitFor } from './support/wait';

interface Activity {
  type: string;
  claimId: string;
  message: string;
  data: { activity: string; actor: { id: string; name: string }; [key: string]: unknown };
}

/**
 * Following (docs/api.md, "Conversation on a claim"): explicit and automatic followers, and the
 * claim.activity notifications they get for transitions, new comments and changes of assignee,
 * never for their own action. The app runs its workers (APP_ROLE=all).
 */
describe('following a claim', () => {
  let t: TestApp;
  let desk: Desk;
  let other: Desk;
  let db: Client;

  beforeAll(async () => {
    t = await startApp();
    desk = await createDesk(t, 'following');
    other = await createDesk(t, 'elsewhere');
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const following = async (client: HttpClient, claimId: string) => (await client.get(`/v1/claims/${claimId}`)).body.following as boolean;
  const activities = async (client: HttpClient, claimId: string): Promise<Activity[]> =>
    ((await client.get('/v1/me/notifications?limit=200')).body.items as Activity[])
      .filter((n) => n.type === 'claim.activity' && n.claimId === claimId)
      .reverse();
  /** Waits until the workers have told everything pending (the table empties), then a little longer. */
  const told = async () => {
    await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM claim_activities`)).rows[0].n === 0, { what: 'the followers to be told' });
    await sleep(200);
  };

  it('PUT and DELETE …/following answer 204 and set `following` on the claim, for the caller only', async () => {
    const { body: claim } = await createClaim(desk.checker);
    expect(await following(desk.editor, claim.id)).toBe(false);
    const put = await desk.editor.request('PUT', `/v1/claims/${claim.id}/following`);
    expect(put.status).toBe(204);
    expect(put.text).toBe('');
    expect((await desk.editor.request('PUT', `/v1/claims/${claim.id}/following`)).status).toBe(204);
    expect(await following(desk.editor, claim.id)).toBe(true);
    expect(await following(desk.editor2, claim.id)).toBe(false);
    const listed = (await desk.editor.get('/v1/claims?limit=200')).body.items.find((c: { id: string }) => c.id === claim.id);
    expect(listed.following).toBe(true);

    expect((await desk.editor.delete(`/v1/claims/${claim.id}/following`)).status).toBe(204);
    expect((await desk.editor.delete(`/v1/claims/${claim.id}/following`)).status).toBe(204);
    expect(await following(desk.editor, claim.id)).toBe(false);
  });

  it("another workspace's claim cannot be followed or unfollowed: 404, and nothing is written", async () => {
    const { body: foreign } = await createClaim(other.checker);
    expectProblem(await desk.editor.request('PUT', `/v1/claims/${foreign.id}/following`), 404, 'NOT_FOUND');
    expectProblem(await desk.editor.delete(`/v1/claims/${foreign.id}/following`), 404, 'NOT_FOUND');
    const { rows } = await db.query(`SELECT user_id FROM claim_followers WHERE claim_id = $1`, [foreign.id]);
    expect(rows).toEqual([{ user_id: other.checker.userId }]);
  });

  it('the creator, the assignee, a commenter and the mentioned follow automatically', async () => {
    const created = await createClaim(desk.checker, { assigneeId: desk.editor.userId });
    expect(created.body.following).toBe(true);
    const claimId: string = created.body.id;
    expect(await following(desk.editor, claimId)).toBe(true);
    expect(await following(desk.editor2, claimId)).toBe(false);
    await desk.editor2.post(`/v1/claims/${claimId}/comments`, { body: 'Following this one' });
    expect(await following(desk.editor2, claimId)).toBe(true);
    const { body: comment } = await desk.editor2.post(`/v1/claims/${claimId}/comments`, { body: 'draft' });
    expect(await following(desk.admin, claimId)).toBe(false);
    await desk.editor2.patch(`/v1/comments/${comment.id}`, { body: `cc @${(await desk.admin.get('/v1/me')).body.email}` });
    expect(await following(desk.admin, claimId)).toBe(true);

    // Starting research on an unassigned claim makes the actor assignee, and so a follower.
    const { body: unassigned } = await createClaim(desk.editor);
    const started = await transition(desk.checker, unassigned.id, { to: 'in_research' });
    expect(started.body).toMatchObject({ assignee: { id: desk.checker.userId }, following: true });
    // Assigning someone by PATCH makes them follow; the answer says whether the caller does.
    const current = await desk.editor.get(`/v1/claims/${unassigned.id}`);
    const patched = await desk.editor.patch(
      `/v1/claims/${unassigned.id}`,
      { assigneeId: desk.editor2.userId },
      { headers: { 'if-match': current.headers.get('etag')! } },
    );
    expect(patched.body.following).toBe(true); // the editor created it
    expect(await following(desk.editor2, unassigned.id)).toBe(true);
  });

  it('followers are told of a transition, a new comment and a change of assignee, never of their own action', async () => {
    const { body: claim } = await createClaim(desk.checker); // the checker follows it
    await desk.editor.request('PUT', `/v1/claims/${claim.id}/following`);

    await transition(desk.checker, claim.id, { to: 'in_research' });
    await told();
    await desk.editor.post(`/v1/claims/${claim.id}/comments`, { body: 'Table 4 has it.' });
    await told();
    const etag = (await desk.checker.get(`/v1/claims/${claim.id}`)).headers.get('etag')!;
    await desk.checker.patch(`/v1/claims/${claim.id}`, { assigneeId: desk.editor2.userId }, { headers: { 'if-match': etag } });
    await told();

    expect((await activities(desk.editor, claim.id)).map((a) => a.data)).toEqual([
      { activity: 'transition', actor: { id: desk.checker.userId, name: 'Chebet' }, from: 'submitted', to: 'in_research', note: null },
      {
        activity: 'assignee',
        actor: { id: desk.checker.userId, name: 'Chebet' },
        assignee: { id: desk.editor2.userId, name: 'Baraka' },
        previous: { id: desk.checker.userId, name: 'Chebet' },
      },
    ]);
    expect((await activities(desk.checker, claim.id)).map((a) => a.data)).toEqual([
      { activity: 'comment', actor: { id: desk.editor.userId, name: 'Achieng' }, commentId: expect.any(String) },
    ]);
    // The new assignee follows from that change on, and is told of it.
    const assigned = await activities(desk.editor2, claim.id);
    expect(assigned.map((a) => a.data.activity)).toEqual(['assignee']);
    expect(assigned[0].message).toBe(`Chebet assigned it to Baraka: ${claim.text}`);
    expect(await activities(desk.admin, claim.id)).toEqual([]);
  });

  it('someone who unfollowed is told nothing; a mentioned follower gets the mention and no second notice for that comment', async () => {
    const { body: claim } = await createClaim(desk.checker);
    await desk.editor.request('PUT', `/v1/claims/${claim.id}/following`);
    await desk.editor2.request('PUT', `/v1/claims/${claim.id}/following`);
    await desk.editor2.delete(`/v1/claims/${claim.id}/following`);
    await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: '@[Achieng] can you look?' });
    await told();
    expect(await activities(desk.editor, claim.id)).toEqual([]);
    const inbox = (await desk.editor.get('/v1/me/notifications')).body.items.filter((n: { claimId: string }) => n.claimId === claim.id);
    expect(inbox.map((n: { type: string }) => n.type)).toEqual(['mention']);
    expect(await activities(desk.editor2, claim.id)).toEqual([]);
  });

  it('an inactive follower is never told', async () => {
    const { body: claim } = await createClaim(desk.checker);
    const sleeper = await desk.admin.post('/v1/users', { email: `sleeper.${Date.now()}@desk.example`, name: 'Sleeper', role: 'editor' });
    await t.http.as(sleeper.body.token).request('PUT', `/v1/claims/${claim.id}/following`);
    await desk.admin.patch(`/v1/users/${sleeper.body.id}`, { active: false });
    await desk.editor.request('PUT', `/v1/claims/${claim.id}/following`);
    await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'Anyone?' });
    await told();
    expect(await activities(desk.editor, claim.id)).toHaveLength(1);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM inbox_notifications WHERE user_id = $1`, [sleeper.body.id]);
    expect(rows[0].n).toBe(0);
  });

  it('each notice is one claim.activity event with an inbox entry and an e-mail delivery (skipped without SMTP_URL) per follower', async () => {
    const { body: claim } = await createClaim(desk.checker);
    await desk.editor.request('PUT', `/v1/claims/${claim.id}/following`);
    await desk.editor2.request('PUT', `/v1/claims/${claim.id}/following`);
    await desk.admin.post(`/v1/claims/${claim.id}/comments`, { body: 'Three followers, two told' });
    await told();
    const { rows } = await db.query(
      `SELECT d.channel, d.status, count(*)::int AS n FROM outbox_events e JOIN deliveries d ON d.event_id = e.id
        WHERE e.type = 'claim.activity' AND e.payload->>'claimId' = $1 GROUP BY 1, 2 ORDER BY 1`,
      [claim.id],
    );
    expect(rows).toEqual([
      { channel: 'inbox', status: 'delivered', n: 3 },
      { channel: 'email', status: 'skipped', n: 3 },
    ]);
  });
});
