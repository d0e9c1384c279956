import { createDesk, startApp, type TestApp } from './support/app';
import { expectProblem } from './support/http';

describe('accounts and workspaces', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('bootstraps the instance admin in the default workspace from ADMIN_TOKEN', async () => {
    const me = await t.admin.get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: expect.any(String),
      email: expect.any(String),
      name: 'Instance admin',
      role: 'admin',
      timezone: null,
      digest: true,
      workspace: { id: expect.any(String), name: 'default' },
    });
  });

  it('never locks the instance admin out: no deactivation, demotion or token rotation through the API', async () => {
    const me = (await t.admin.get('/v1/me')).body;
    const second = await t.admin.post('/v1/users', { email: 'second.admin@default.example', name: 'Second Admin', role: 'admin' });
    const other = t.http.as(second.body.token);
    expectProblem(await other.patch(`/v1/users/${me.id}`, { active: false }), 409, 'CONFLICT');
    expectProblem(await other.patch(`/v1/users/${me.id}`, { role: 'checker' }), 409, 'CONFLICT');
    expectProblem(await t.admin.post(`/v1/users/${me.id}/tokens`), 409, 'CONFLICT');
    expectProblem(await t.admin.patch(`/v1/users/${me.id}`, { role: null }), 400, 'VALIDATION_FAILED');
    expect((await t.admin.get('/v1/me')).body.role).toBe('admin');
  });

  it('answers 401 UNAUTHENTICATED without a token, with a malformed header, or an unknown token', async () => {
    expectProblem(await t.http.get('/v1/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http.get('/v1/me', { headers: { authorization: 'Basic abc' } }), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http.get('/v1/me', { token: 'ct_not-a-real-token' }), 401, 'UNAUTHENTICATED');
  });

  it('lets only the instance admin create workspaces, whose admin is named after the e-mail', async () => {
    const created = await t.admin.post('/v1/workspaces', { name: 'Mombasa Desk', adminEmail: 'Editor.In.Chief@Mombasa.example' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Mombasa Desk',
      admin: { id: expect.any(String), email: 'editor.in.chief@mombasa.example', role: 'admin', token: expect.stringMatching(/^ct_/) },
    });
    const wsAdmin = t.http.as(created.body.admin.token);
    const me = await wsAdmin.get('/v1/me');
    expect(me.body).toMatchObject({ name: 'editor.in.chief@mombasa.example', role: 'admin', workspace: { id: created.body.id, name: 'Mombasa Desk' } });

    expectProblem(await wsAdmin.post('/v1/workspaces', { name: 'Another', adminEmail: 'a@b.example' }), 403, 'FORBIDDEN');
    expectProblem(await t.admin.post('/v1/workspaces', { name: 'Mombasa Desk', adminEmail: 'x@y.example' }), 409, 'CONFLICT');
  });

  it('creates users with roles; a checker or an editor cannot (403), a duplicate e-mail is 409', async () => {
    const desk = await createDesk(t);
    const users = await desk.checker.get('/v1/users');
    expect(users.status).toBe(200);
    expect(users.body.items.map((u: { role: string }) => u.role).sort()).toEqual(['admin', 'checker', 'editor', 'editor']);
    expect(users.body.items.every((u: Record<string, unknown>) => !('token' in u))).toBe(true);

    expectProblem(await desk.checker.post('/v1/users', { email: 'new@desk.example', name: 'New', role: 'checker' }), 403, 'FORBIDDEN');
    expectProblem(await desk.editor.post('/v1/users', { email: 'new@desk.example', name: 'New', role: 'checker' }), 403, 'FORBIDDEN');
    const first = await desk.admin.post('/v1/users', { email: 'Dup@Desk.example', name: 'Dup', role: 'checker' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ email: 'dup@desk.example', name: 'Dup', role: 'checker', active: true, token: expect.any(String) });
    expectProblem(await desk.admin.post('/v1/users', { email: 'dup@desk.example', name: 'Dup again', role: 'editor' }), 409, 'CONFLICT');
  });

  it('refuses unknown fields and bad values with 400 VALIDATION_FAILED and errors[]', async () => {
    const desk = await createDesk(t);
    const unknown = expectProblem(
      await desk.admin.post('/v1/users', { email: 'x@desk.example', name: 'X', role: 'checker', colour: 'blue' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.errors).toEqual([{ field: 'colour', message: expect.any(String) }]);
    const bad = expectProblem(await desk.admin.post('/v1/users', { email: 'not-an-email', name: '', role: 'boss' }), 400, 'VALIDATION_FAILED');
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'role']);
    const count = await desk.admin.get('/v1/users');
    expect(count.body.items).toHaveLength(4);
  });

  it('rotates tokens: the new one works, every earlier one is 401', async () => {
    const desk = await createDesk(t);
    const checkerId = desk.checker.userId;
    // The user may rotate their own token…
    const own = await desk.checker.post(`/v1/users/${checkerId}/tokens`);
    expect(own.status).toBe(201);
    expectProblem(await desk.checker.get('/v1/me'), 401, 'UNAUTHENTICATED');
    const renewed = t.http.as(own.body.token);
    expect((await renewed.get('/v1/me')).body.id).toBe(checkerId);
    // …but not another user's; an admin may.
    expectProblem(await renewed.post(`/v1/users/${desk.editor.userId}/tokens`), 403, 'FORBIDDEN');
    const byAdmin = await desk.admin.post(`/v1/users/${checkerId}/tokens`);
    expect(byAdmin.status).toBe(201);
    expectProblem(await renewed.get('/v1/me'), 401, 'UNAUTHENTICATED');
    expect((await t.http.get('/v1/me', { token: byAdmin.body.token })).status).toBe(200);
  });

  it('lets a rotation be retried with the token it replaced and the same Idempotency-Key, for that answer alone', async () => {
    const desk = await createDesk(t);
    const path = `/v1/users/${desk.checker.userId}/tokens`;
    const key = { headers: { 'idempotency-key': 'rotate-after-lost-answer' } };
    const first = await desk.checker.post(path, undefined, key);
    expect(first.status).toBe(201);
    // The answer was lost: the client still holds only the old token, and retries.
    const again = await desk.checker.post(path, undefined, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.token).toBe(first.body.token);
    expect((await t.http.get('/v1/me', { token: first.body.token })).status).toBe(200);
    // The old token does nothing else: not another key, not without one, not another route.
    expectProblem(await desk.checker.post(path, undefined, { headers: { 'idempotency-key': 'another-key' } }), 401, 'UNAUTHENTICATED');
    expectProblem(await desk.checker.post(path), 401, 'UNAUTHENTICATED');
    expectProblem(await desk.checker.get('/v1/me'), 401, 'UNAUTHENTICATED');
    expect((await t.http.get('/v1/me', { token: first.body.token })).status).toBe(200);
    // An admin's rotation of the checker's token is the admin's request: the checker's old token cannot replay it.
    const byAdmin = await desk.admin.post(path, undefined, { headers: { 'idempotency-key': 'admin-rotates' } });
    expect(byAdmin.status).toBe(201);
    expectProblem(await t.http.post(path, undefined, { token: first.body.token, headers: { 'idempotency-key': 'admin-rotates' } }), 401, 'UNAUTHENTICATED');
  });

  it("deactivation stops the user's tokens at once; reactivation restores them; roles change", async () => {
    const desk = await createDesk(t);
    const off = await desk.admin.patch(`/v1/users/${desk.editor.userId}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: desk.editor.userId, active: false });
    expectProblem(await desk.editor.get('/v1/me'), 401, 'UNAUTHENTICATED');
    await desk.admin.patch(`/v1/users/${desk.editor.userId}`, { active: true, role: 'checker' });
    expect((await desk.editor.get('/v1/me')).body.role).toBe('checker');
    expectProblem(await desk.editor.patch(`/v1/users/${desk.checker.userId}`, { role: 'admin' }), 403, 'FORBIDDEN');
  });

  it('never lets a workspace lose its last active admin', async () => {
    const desk = await createDesk(t);
    expectProblem(await desk.admin.patch(`/v1/users/${desk.admin.userId}`, { role: 'editor' }), 409, 'CONFLICT');
    expectProblem(await desk.admin.patch(`/v1/users/${desk.admin.userId}`, { active: false }), 409, 'CONFLICT');
    await desk.admin.patch(`/v1/users/${desk.editor.userId}`, { role: 'admin' });
    expect((await desk.admin.patch(`/v1/users/${desk.admin.userId}`, { role: 'editor' })).status).toBe(200);
  });

  it("answers 404 for another workspace's user, exactly as for an unknown one", async () => {
    const a = await createDesk(t, 'a');
    const b = await createDesk(t, 'b');
    const foreign = expectProblem(await a.admin.get(`/v1/users/${b.checker.userId}`), 404, 'NOT_FOUND');
    const unknown = expectProblem(await a.admin.get('/v1/users/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expect(foreign.detail).toBe(unknown.detail);
    expectProblem(await a.admin.patch(`/v1/users/${b.checker.userId}`, { active: false }), 404, 'NOT_FOUND');
    expectProblem(await a.admin.post(`/v1/users/${b.checker.userId}/tokens`), 404, 'NOT_FOUND');
    expect((await b.checker.get('/v1/me')).status).toBe(200);
  });
});
