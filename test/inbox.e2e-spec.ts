import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim } from './support/claims';
import { expectProblem, type HttpClient } from './support/http';

/**
 * The inbox's Mark all read (docs/api.md, "Reminders"): POST /v1/me/notifications/read marks the
 * caller's own unread entries, up to `upTo` when given, in one request.
 */
describe('inbox: mark all read', () => {
  let t: TestApp;
  let desk: Desk;
  let other: Desk;
  beforeAll(async () => {
    t = await startApp();
    desk = await createDesk(t, 'inbox');
    other = await createDesk(t, 'inbox elsewhere');
  });
  afterAll(() => t.close());

  const unread = async (client: HttpClient) =>
    ((await client.get('/v1/me/notifications?unread=true&limit=200')).body.items as Array<{ id: string; createdAt: string }>).map((n) => n.id);

  /** A comment naming `who` (by their @[Name]), which puts a mention in their inbox. */
  async function mention(author: HttpClient, claimId: string, who: string): Promise<void> {
    const created = await author.post(`/v1/claims/${claimId}/comments`, { body: `@[${who}] please look at the sources` });
    expect(created.status).toBe(201);
  }

  it("marks the caller's unread entries up to upTo, then the rest; nobody else's, in no other workspace", async () => {
    // A claim each: whoever is mentioned follows the claim, and would hear of the next comment too.
    for (const who of ['Achieng', 'Achieng', 'Achieng', 'Baraka']) await mention(desk.checker, (await createClaim(desk.checker)).body.id, who);
    const { body: elsewhere } = await createClaim(other.checker);
    await mention(other.checker, elsewhere.id, 'Achieng');

    const entries = (await desk.editor.get('/v1/me/notifications?unread=true')).body.items as Array<{ id: string; createdAt: string }>;
    expect(entries).toHaveLength(3);
    const [newest, middle, oldest] = entries;

    const first = await desk.editor.post('/v1/me/notifications/read', { upTo: middle.createdAt });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ marked: 2 });
    expect(await unread(desk.editor)).toEqual([newest.id]);
    const all = (await desk.editor.get('/v1/me/notifications')).body.items as Array<{ id: string; readAt: string | null }>;
    expect(all.find((n) => n.id === oldest.id)?.readAt).toEqual(expect.any(String));

    expect((await desk.editor.post('/v1/me/notifications/read', {})).body).toEqual({ marked: 1 });
    expect(await unread(desk.editor)).toEqual([]);
    expect((await desk.editor.post('/v1/me/notifications/read', {})).body).toEqual({ marked: 0 });

    expect(await unread(desk.editor2)).toHaveLength(1);
    expect(await unread(other.editor)).toHaveLength(1);
  });

  it('refuses what is not a timestamp, or a field it does not know, and marks nothing', async () => {
    const { body: claim } = await createClaim(desk.checker);
    await mention(desk.checker, claim.id, 'Chebet');
    await mention(desk.editor, claim.id, 'Chebet');
    const before = await unread(desk.checker);
    expect(before.length).toBeGreaterThanOrEqual(1);

    for (const body of [{ upTo: 'yesterday' }, { upTo: 12 }, { upTo: '2026-02-30T10:00:00Z' }, { upTo: null }, { all: true }, []]) {
      expectProblem(await desk.checker.post('/v1/me/notifications/read', body), 400, 'VALIDATION_FAILED');
    }
    expect(await unread(desk.checker)).toEqual(before);
    expectProblem(await t.http.post('/v1/me/notifications/read', {}), 401, 'UNAUTHENTICATED');
  });
});
