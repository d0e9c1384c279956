import { Client } from 'pg';
import { allowedFrom, illegalPairs, TRANSITIONS } from '../src/claims/lifecycle';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { claimIn, createClaim, inDays, transition, type Status } from './support/claims';
import { expectProblem } from './support/http';

describe('the lifecycle over HTTP', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await startApp();
    desk = await createDesk(t);
  });
  afterAll(() => t.close());

  describe('every pair outside the table is 409 ILLEGAL_TRANSITION with allowed', () => {
    const byFrom = new Map<Status, Status[]>();
    for (const [from, to] of illegalPairs()) byFrom.set(from, [...(byFrom.get(from) ?? []), to]);
    it.each([...byFrom])('from %s to %j', async (from, targets) => {
      const id = await claimIn(desk, from);
      for (const to of targets) {
        const problem = expectProblem(await transition(desk.admin, id, { to, note: 'n' }), 409, 'ILLEGAL_TRANSITION');
        expect([...problem.allowed].sort()).toEqual(allowedFrom(from).sort());
      }
    });
  });

  describe('every row refuses a role below its minimum with 403, before any guard', () => {
    const editorRows = TRANSITIONS.filter((r) => r.role === 'editor');
    it.each(editorRows.map((r) => [r.from, r.to]))('%s → %s as a checker', async (from, to) => {
      const id = await claimIn(desk, from);
      // No note: the guard would fail too, but the role is checked first.
      expectProblem(await transition(desk.checker, id, { to }), 403, 'FORBIDDEN');
      expect((await desk.checker.get(`/v1/claims/${id}`)).body.status).toBe(from);
    });
  });

  describe('every guard, by name, with 422 GUARD_FAILED; nothing changes', () => {
    const cases: Array<[string, Status, Record<string, unknown>, 'checker' | 'editor', 'statement' | 'promise' | 'opinion']> = [
      ['note_required', 'submitted', { to: 'rejected' }, 'editor', 'statement'],
      ['note_required', 'in_review', { to: 'in_research', note: '  ' }, 'editor', 'statement'],
      ['note_required', 'published', { to: 'in_research' }, 'editor', 'statement'],
      ['promise_only', 'in_research', { to: 'monitoring', followUpAt: inDays(3) }, 'checker', 'statement'],
      ['follow_up_in_future', 'in_research', { to: 'monitoring', followUpAt: inDays(-1) }, 'checker', 'promise'],
      ['follow_up_in_future', 'in_research', { to: 'monitoring' }, 'checker', 'promise'],
      ['evidence_required', 'in_research', { to: 'in_review', verdict: { rating: 'true', summary: 's' } }, 'checker', 'statement'],
    ];
    it.each(cases)('%s (%s, %j)', async (guard, from, body, who, kind) => {
      const id = await claimIn(desk, from, kind);
      const before = await desk.checker.get(`/v1/claims/${id}`);
      const problem = expectProblem(await transition(desk[who], id, body), 422, 'GUARD_FAILED');
      expect(problem.guard).toBe(guard);
      expect(problem.detail).toContain(guard);
      expect((await desk.checker.get(`/v1/claims/${id}`)).body).toEqual(before.body);
    });

    it('verdict_valid_for_kind: a missing verdict, a rating of another kind, and any rating of an opinion', async () => {
      const statement = await claimIn(desk, 'in_research', 'statement');
      await desk.checker.post(`/v1/claims/${statement}/evidence`, { description: 'Budget', stance: 'supports' });
      expect((await transition(desk.checker, statement, { to: 'in_review' })).body.guard).toBe('verdict_valid_for_kind');
      expect((await transition(desk.checker, statement, { to: 'in_review', verdict: { rating: 'kept', summary: 's' } })).body.guard).toBe(
        'verdict_valid_for_kind',
      );
      const opinion = await claimIn(desk, 'in_research', 'opinion');
      await desk.checker.post(`/v1/claims/${opinion}/evidence`, { description: 'Interview', stance: 'context' });
      const problem = expectProblem(
        await transition(desk.checker, opinion, { to: 'in_review', verdict: { rating: 'true', summary: 's' } }),
        422,
        'GUARD_FAILED',
      );
      expect(problem.guard).toBe('verdict_valid_for_kind');
    });

    it('four_eyes: the proposer cannot publish their own verdict, even as an editor', async () => {
      const id = await claimIn(desk, 'in_research', 'statement');
      await desk.editor.post(`/v1/claims/${id}/evidence`, { description: 'Budget', stance: 'supports' });
      expect((await transition(desk.editor, id, { to: 'in_review', verdict: { rating: 'true', summary: 's' } })).status).toBe(200);
      const problem = expectProblem(await transition(desk.editor, id, { to: 'published' }), 422, 'GUARD_FAILED');
      expect(problem.guard).toBe('four_eyes');
      expect((await transition(desk.editor2, id, { to: 'published' })).status).toBe(200);
    });
  });

  it('refuses fields that do not belong to the target status (400), and unknown ones', async () => {
    const id = await claimIn(desk, 'submitted', 'promise');
    expectProblem(await transition(desk.checker, id, { to: 'in_research', verdict: { rating: 'kept', summary: 's' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await transition(desk.checker, id, { to: 'in_research', followUpAt: inDays(2) }), 400, 'VALIDATION_FAILED');
    expectProblem(await transition(desk.checker, id, { to: 'archived' }), 400, 'VALIDATION_FAILED');
    expectProblem(await transition(desk.checker, id, { to: 'in_research', because: 'x' }), 400, 'VALIDATION_FAILED');
  });

  it('requires If-Match (428) and refuses a stale one (412)', async () => {
    const { body, headers } = await createClaim(desk.checker);
    expectProblem(await desk.checker.post(`/v1/claims/${body.id}/transitions`, { to: 'in_research' }), 428, 'PRECONDITION_REQUIRED');
    const ok = await desk.checker.post(`/v1/claims/${body.id}/transitions`, { to: 'in_research' }, { headers: { 'if-match': headers.get('etag')! } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe(`"${body.version + 1}"`);
    expectProblem(
      await desk.checker.post(
        `/v1/claims/${body.id}/transitions`,
        { to: 'monitoring', followUpAt: inDays(1) },
        { headers: { 'if-match': headers.get('etag')! } },
      ),
      412,
      'PRECONDITION_FAILED',
    );
  });

  it('assigns the checker who starts research when nobody is assigned, inside the transition event', async () => {
    const { body } = await createClaim(desk.checker);
    const started = await transition(desk.checker, body.id, { to: 'in_research' });
    expect(started.body.assignee).toEqual({ id: desk.checker.userId, name: 'Chebet' });
    const history = await desk.checker.get(`/v1/claims/${body.id}/history`);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['claim.created', 'claim.transitioned']);
    expect(history.body.items[1].data).toMatchObject({ from: 'submitted', to: 'in_research', assignee: { id: desk.checker.userId } });

    const assigned = await createClaim(desk.checker, { assigneeId: desk.editor.userId });
    expect((await transition(desk.checker, assigned.body.id, { to: 'in_research' })).body.assignee.id).toBe(desk.editor.userId);
  });

  it('keeps the history append-only, even against direct SQL', async () => {
    const { body } = await createClaim(desk.checker);
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    try {
      await expect(db.query(`UPDATE claim_events SET data = '{}' WHERE claim_id = $1`, [body.id])).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM claim_events WHERE claim_id = $1`, [body.id])).rejects.toThrow(/append-only/);
    } finally {
      await db.end();
    }
  });
});
