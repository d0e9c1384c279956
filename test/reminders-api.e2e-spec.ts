import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { claimIn, createClaim, inDays, transition } from './support/claims';
import { expectProblem } from './support/http';

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

describe('reminders: the API and the automatic reminders', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await startApp({ appRole: 'api' });
    desk = await createDesk(t);
  });
  afterAll(() => t.close());

  it('schedules one-off reminders with at or in, and recurring ones with every and until', async () => {
    const { body: claim } = await createClaim(desk.checker);
    const at = inDays(30);
    const one = await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Ask the Treasury again', at });
    expect(one.status).toBe(201);
    expect(one.body).toEqual({
      id: expect.any(String),
      claimId: claim.id,
      message: 'Ask the Treasury again',
      dueAt: new Date(at).toISOString(),
      every: null,
      until: null,
      status: 'scheduled',
      kind: 'manual',
      firedCount: 0,
      lastFiredAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const before = Date.now();
    const inThirty = await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Monthly re-check', in: 'P30D', every: 'P1M', until: inDays(365) });
    expect(inThirty.status).toBe(201);
    expect(Math.abs(Date.parse(inThirty.body.dueAt) - (before + 30 * 86_400_000))).toBeLessThan(5000);
    expect(inThirty.body).toMatchObject({ every: 'P1M', status: 'scheduled' });

    const list = await desk.checker.get(`/v1/claims/${claim.id}/reminders`);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([one.body.id, inThirty.body.id]);
    expect((await desk.checker.get(`/v1/reminders/${one.body.id}`)).body.id).toBe(one.body.id);
    const history = (await desk.checker.get(`/v1/claims/${claim.id}/history`)).body.items;
    expect(history.filter((e: { type: string }) => e.type === 'reminder.scheduled')).toHaveLength(2);
  });

  it.each([
    [{ message: 'm' }, 'at'],
    [{ message: 'm', at: inDays(1), in: 'P1D' }, 'at'],
    [{ message: 'm', at: '2020-01-01T00:00:00Z' }, 'at'],
    [{ message: 'm', in: 'thirty days' }, 'in'],
    [{ message: 'm', in: 'PT0S' }, 'in'],
    [{ message: 'm', in: 'P1D', every: 'PT0.5S' }, 'every'],
    [{ message: 'm', in: 'P1D', until: inDays(3) }, 'until'],
    [{ message: 'm', in: 'P3D', every: 'P1D', until: inDays(1) }, 'until'],
    [{ message: '', in: 'P1D' }, 'message'],
    [{ message: 'm', in: 'P1D', when: 'soon' }, 'when'],
  ])('refuses %j with 400 naming %s, creating nothing', async (body, field) => {
    const { body: claim } = await createClaim(desk.checker);
    const problem = expectProblem(await desk.checker.post(`/v1/claims/${claim.id}/reminders`, body), 400, 'VALIDATION_FAILED');
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await desk.checker.get(`/v1/claims/${claim.id}/reminders`)).body.items).toEqual([]);
  });

  it('reschedules and cancels; a cancelled or done reminder cannot be changed', async () => {
    const { body: claim } = await createClaim(desk.checker);
    const { body: reminder } = await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'first', in: 'P2D' });
    const moved = await desk.checker.patch(`/v1/reminders/${reminder.id}`, { message: 'second', at: inDays(5), every: 'P1D', until: inDays(9) });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ message: 'second', every: 'P1D', dueAt: expect.any(String) });
    expectProblem(await desk.checker.patch(`/v1/reminders/${reminder.id}`, { at: '2020-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED');
    expectProblem(await desk.checker.patch(`/v1/reminders/${reminder.id}`, { in: 'P1D' }), 400, 'VALIDATION_FAILED');
    expect((await desk.checker.delete(`/v1/reminders/${reminder.id}`)).status).toBe(204);
    expect((await desk.checker.delete(`/v1/reminders/${reminder.id}`)).status).toBe(204);
    expect((await desk.checker.get(`/v1/reminders/${reminder.id}`)).body.status).toBe('cancelled');
    expectProblem(await desk.checker.patch(`/v1/reminders/${reminder.id}`, { message: 'third' }), 409, 'CONFLICT');
    const types = (await desk.checker.get(`/v1/claims/${claim.id}/history`)).body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(['claim.created', 'reminder.scheduled', 'reminder.scheduled', 'reminder.cancelled']);
  });

  it('lists every reminder of the workspace, filtered by status and dueBefore, and hides other workspaces', async () => {
    const own = await createDesk(t, 'reminder-list');
    const { body: claim } = await createClaim(own.checker);
    const soon = (await own.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'soon', in: 'P1D' })).body;
    const later = (await own.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'later', in: 'P10D' })).body;
    await own.checker.delete(`/v1/reminders/${later.id}`);
    expect((await own.checker.get('/v1/reminders')).body.items.map((r: { id: string }) => r.id)).toEqual([soon.id, later.id]);
    expect((await own.checker.get('/v1/reminders?status=cancelled')).body.items.map((r: { id: string }) => r.id)).toEqual([later.id]);
    expect((await own.checker.get(`/v1/reminders?dueBefore=${encodeURIComponent(inDays(3))}`)).body.items.map((r: { id: string }) => r.id)).toEqual([soon.id]);
    const page = await own.checker.get('/v1/reminders?limit=1');
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect((await own.checker.get(`/v1/reminders?limit=1&cursor=${page.body.nextCursor}`)).body.items[0].id).toBe(later.id);
    expectProblem(await own.checker.get('/v1/reminders?status=sleeping'), 400, 'VALIDATION_FAILED');

    for (const path of [`/v1/reminders/${soon.id}`, `/v1/reminders/${soon.id}/deliveries`, `/v1/claims/${claim.id}/reminders`])
      expectProblem(await desk.checker.get(path), 404, 'NOT_FOUND');
    expectProblem(await desk.checker.delete(`/v1/reminders/${soon.id}`), 404, 'NOT_FOUND');
    expectProblem(await desk.checker.patch(`/v1/reminders/${soon.id}`, { message: 'x' }), 404, 'NOT_FOUND');
    expect((await desk.checker.get('/v1/reminders?limit=200')).body.items.some((r: { id: string }) => r.id === soon.id)).toBe(false);
  });

  describe('automatic reminders', () => {
    const remindersOf = async (claimId: string) =>
      (await desk.checker.get(`/v1/claims/${claimId}/reminders`)).body.items as Array<{ kind: string; status: string; dueAt: string }>;

    it('a claim with dueAt gets a deadline reminder, moved when dueAt moves and cancelled when it is cleared', async () => {
      const dueAt = inDays(7);
      const { body: claim } = await createClaim(desk.checker, { dueAt });
      expect(await remindersOf(claim.id)).toEqual([expect.objectContaining({ kind: 'deadline', status: 'scheduled', dueAt: new Date(dueAt).toISOString() })]);
      const moved = inDays(9);
      await desk.checker.patch(`/v1/claims/${claim.id}`, { dueAt: moved }, { headers: { 'if-match': '"1"' } });
      expect(await remindersOf(claim.id)).toEqual([expect.objectContaining({ kind: 'deadline', status: 'scheduled', dueAt: new Date(moved).toISOString() })]);
      await desk.checker.patch(`/v1/claims/${claim.id}`, { dueAt: null }, { headers: { 'if-match': '"2"' } });
      expect(await remindersOf(claim.id)).toEqual([expect.objectContaining({ kind: 'deadline', status: 'cancelled' })]);
      await desk.checker.patch(`/v1/claims/${claim.id}`, { dueAt: inDays(4) }, { headers: { 'if-match': '"3"' } });
      expect((await remindersOf(claim.id)).map((r) => `${r.kind}:${r.status}`)).toEqual(['deadline:scheduled', 'deadline:cancelled']);
      const types = (await desk.checker.get(`/v1/claims/${claim.id}/history`)).body.items.map((e: { type: string }) => e.type);
      expect(types.filter((type: string) => type.startsWith('reminder.'))).toEqual([
        'reminder.scheduled',
        'reminder.scheduled',
        'reminder.cancelled',
        'reminder.scheduled',
      ]);
    });

    it('monitoring schedules a follow-up at followUpAt', async () => {
      const id = await claimIn(desk, 'in_research', 'promise');
      const followUpAt = inDays(60);
      await transition(desk.checker, id, { to: 'monitoring', followUpAt });
      expect(await remindersOf(id)).toEqual([expect.objectContaining({ kind: 'follow_up', status: 'scheduled', dueAt: new Date(followUpAt).toISOString() })]);
    });

    it('rejecting a claim cancels its scheduled reminders', async () => {
      const { body: claim } = await createClaim(desk.checker, { dueAt: inDays(3) });
      await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'm', in: 'P1D' });
      await transition(desk.editor, claim.id, { to: 'rejected', note: 'Opinion' });
      expect((await remindersOf(claim.id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    });

    it('an interim rating keeps the follow-ups; a final rating cancels them', async () => {
      const id = await claimIn(desk, 'monitoring', 'promise');
      await desk.checker.post(`/v1/claims/${id}/reminders`, { message: 'Recheck every month', in: 'P30D', every: 'P1M' });
      await desk.checker.post(`/v1/claims/${id}/evidence`, { description: 'Trust fund statement: no payment yet', stance: 'context' });
      await transition(desk.checker, id, { to: 'in_review', verdict: { rating: 'in_the_works', summary: 'Requested, not yet paid.' } });
      await transition(desk.editor, id, { to: 'published' });
      expect((await remindersOf(id)).every((r) => r.status === 'scheduled')).toBe(true);

      await transition(desk.editor, id, { to: 'in_research', note: 'Payment announced' });
      await transition(desk.checker, id, { to: 'in_review', verdict: { rating: 'kept', summary: 'Kenya was repaid in full.' } });
      await transition(desk.editor, id, { to: 'published' });
      expect((await remindersOf(id)).every((r) => r.status === 'cancelled')).toBe(true);
    });
  });

  it('records the timer in Redis only for reminders due within the horizon', async () => {
    const { body: claim } = await createClaim(desk.checker);
    await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'far', in: 'P90D' });
    const near = (await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'near', at: inSeconds(30) })).body;
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    const armed = await db.query(`SELECT message FROM reminders WHERE claim_id = $1 AND enqueued_for IS NOT NULL`, [claim.id]);
    await db.end();
    expect(armed.rows.map((r) => r.message)).toEqual(['near']);
    expect(near.status).toBe('scheduled');
  });
});

describe('the queue dashboard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ appRole: 'api' });
  });
  afterAll(() => t.close());

  it('is for the instance admin only, with a bearer token or HTTP Basic', async () => {
    const desk = await createDesk(t);
    expect((await t.http.get('/admin/queues')).status).toBe(401);
    expect((await t.http.get('/admin/queues')).headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await desk.admin.get('/admin/queues/api/queues')).status).toBe(401);
    const api = await t.admin.get('/admin/queues/api/queues');
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['deliveries', 'maintenance', 'reminders']);
    const basic = Buffer.from(`admin:${t.config.adminToken}`).toString('base64');
    const page = await t.http.get('/admin/queues', { headers: { authorization: `Basic ${basic}` } });
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/text\/html/);
  });
});
