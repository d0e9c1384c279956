import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim } from './support/claims';
import { settledFingerprint } from './support/fingerprint';
import { hostileCases } from './support/hostile-markdown';
import { expectProblem } from './support/http';
import { SseStream, type SseMessage } from './support/sse';

const COMMENT_FIELDS = ['author', 'body', 'createdAt', 'editedAt', 'id', 'mentions', 'resolvedAt'];

/**
 * The conversation on a claim (docs/api.md, "Conversation on a claim"): comments, their timeline
 * entries and live events, the hostile-Markdown corpus, and bad input that changes nothing.
 * API only, so that nothing but these requests writes while a test compares the database.
 */
describe('comments on a claim', () => {
  let t: TestApp;
  let desk: Desk;
  let other: Desk;
  let db: Client;

  beforeAll(async () => {
    t = await startApp({ appRole: 'api' });
    desk = await createDesk(t, 'conversation');
    other = await createDesk(t, 'elsewhere');
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const history = async (claimId: string) =>
    (await desk.checker.get(`/v1/claims/${claimId}/history`)).body.items as Array<{ type: string; actor: any; data: any }>;

  describe('create, list, edit, resolve, delete', () => {
    it("answers 201 with exactly the contract's fields, and lists comments oldest first, in pages", async () => {
      const { body: claim } = await createClaim(desk.checker);
      const first = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'Budget table 4 says **Ksh 2.06 billion**.' });
      expect(first.status).toBe(201);
      expect(Object.keys(first.body).sort()).toEqual(COMMENT_FIELDS);
      expect(first.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        body: 'Budget table 4 says **Ksh 2.06 billion**.',
        author: { id: desk.checker.userId, name: 'Chebet' },
        createdAt: expect.stringMatching(/Z$/),
        editedAt: null,
        resolvedAt: null,
        mentions: [],
      });
      const second = await desk.editor.post(`/v1/claims/${claim.id}/comments`, { body: 'Agreed.' });
      const third = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'Filed.' });

      const all = await desk.editor.get(`/v1/claims/${claim.id}/comments`);
      expect(all.body).toEqual({ items: [first.body, second.body, third.body], nextCursor: null });
      const page1 = await desk.editor.get(`/v1/claims/${claim.id}/comments?limit=2`);
      expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id, second.body.id]);
      const page2 = await desk.editor.get(`/v1/claims/${claim.id}/comments?limit=2&cursor=${page1.body.nextCursor}`);
      expect(page2.body).toEqual({ items: [third.body], nextCursor: null });
    });

    it('its author edits the body: editedAt is set, the timeline says comment.edited, and an unchanged body writes nothing', async () => {
      const { body: claim } = await createClaim(desk.checker);
      const { body: comment } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'Ksh 2.1 billion' });
      const edited = await desk.checker.patch(`/v1/comments/${comment.id}`, { body: 'Ksh 2.06 billion' });
      expect(edited.status).toBe(200);
      expect(edited.body).toEqual({ ...comment, body: 'Ksh 2.06 billion', editedAt: expect.any(String) });
      expect(Date.parse(edited.body.editedAt)).toBeGreaterThanOrEqual(Date.parse(comment.createdAt));

      const again = await desk.checker.patch(`/v1/comments/${comment.id}`, { body: 'Ksh 2.06 billion' });
      expect(again.body).toEqual(edited.body);
      const types = (await history(claim.id)).map((e) => e.type);
      expect(types.filter((type) => type.startsWith('comment.'))).toEqual(['comment.added', 'comment.edited']);
    });

    it('anyone resolves a comment and reopens it with resolved: false', async () => {
      const { body: claim } = await createClaim(desk.checker);
      const { body: comment } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'Who confirmed the figure?' });
      const resolved = await desk.editor2.patch(`/v1/comments/${comment.id}`, { resolved: true });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toEqual({ ...comment, resolvedAt: expect.any(String) });
      expect((await desk.editor2.patch(`/v1/comments/${comment.id}`, { resolved: true })).body.resolvedAt).toBe(resolved.body.resolvedAt);
      const reopened = await desk.checker.patch(`/v1/comments/${comment.id}`, { resolved: false });
      expect(reopened.body).toEqual(comment);
      expect((await desk.checker.patch(`/v1/comments/${comment.id}`, {})).body).toEqual(comment);

      const entries = (await history(claim.id)).filter((e) => e.type.startsWith('comment.'));
      expect(entries.map((e) => [e.type, e.actor?.id])).toEqual([
        ['comment.added', desk.checker.userId],
        ['comment.resolved', desk.editor2.userId],
        ['comment.reopened', desk.checker.userId],
      ]);
    });

    it('its author deletes it (204): it leaves the list, comment.deleted stays in the timeline; an admin may delete anyone’s', async () => {
      const { body: claim } = await createClaim(desk.checker);
      const { body: mine } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'Wrong thread, sorry' });
      const { body: theirs } = await desk.editor.post(`/v1/claims/${claim.id}/comments`, { body: 'Off-topic remark' });
      const { body: kept } = await desk.editor.post(`/v1/claims/${claim.id}/comments`, { body: 'Stays' });

      const deleted = await desk.checker.delete(`/v1/comments/${mine.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect((await desk.admin.delete(`/v1/comments/${theirs.id}`)).status).toBe(204);
      expect((await desk.checker.get(`/v1/claims/${claim.id}/comments`)).body.items).toEqual([kept]);

      expectProblem(await desk.checker.delete(`/v1/comments/${mine.id}`), 404, 'NOT_FOUND');
      expectProblem(await desk.checker.patch(`/v1/comments/${mine.id}`, { resolved: true }), 404, 'NOT_FOUND');
      const deletions = (await history(claim.id)).filter((e) => e.type === 'comment.deleted');
      expect(deletions).toEqual([
        expect.objectContaining({ actor: { id: desk.checker.userId, name: 'Chebet' }, data: { commentId: mine.id } }),
        expect.objectContaining({ actor: expect.objectContaining({ id: desk.admin.userId }), data: { commentId: theirs.id } }),
      ]);
    });

    it('the timeline names each change and its author but never copies a body, which a deletion must take away', async () => {
      const { body: claim } = await createClaim(desk.checker);
      const { body: comment } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'My phone number is 0700 000 000' });
      await desk.checker.patch(`/v1/comments/${comment.id}`, { body: 'My phone number is on file' });
      await desk.checker.delete(`/v1/comments/${comment.id}`);
      const entries = await history(claim.id);
      expect(entries.filter((e) => e.type.startsWith('comment.')).map((e) => e.data)).toEqual([
        { commentId: comment.id },
        { commentId: comment.id },
        { commentId: comment.id },
      ]);
      expect(JSON.stringify(entries)).not.toContain('phone number');
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE claim_id = $1 AND payload::text LIKE '%phone number%'`, [claim.id]);
      expect(rows[0].n).toBe(0);
    });

    it('comment.added and comment.deleted reach the live stream of the workspace, and no other', async () => {
      const { body: claim } = await createClaim(desk.checker);
      const mine = await SseStream.open(desk.editor);
      const elsewhere = await SseStream.open(other.editor);
      try {
        const { body: comment } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'Live?' });
        await desk.checker.patch(`/v1/comments/${comment.id}`, { resolved: true });
        await desk.checker.delete(`/v1/comments/${comment.id}`);
        // The stream may also carry the workspace's events of the test before (committed before it
        // opened, relayed after): this claim's are the ones to check.
        const ofThisClaim = (messages: SseMessage[]) => messages.filter((m) => m.json?.claimId === claim.id);
        await mine.waitFor((messages) => ofThisClaim(messages).some((m) => m.event === 'comment.deleted'), { what: 'comment.deleted' });
        const events = ofThisClaim(mine.of('comment.added', 'comment.deleted'));
        expect(events.map((m) => m.json)).toEqual([
          {
            type: 'comment.added',
            at: expect.any(String),
            claimId: claim.id,
            data: { commentId: comment.id, actor: { id: desk.checker.userId, name: 'Chebet' } },
          },
          {
            type: 'comment.deleted',
            at: expect.any(String),
            claimId: claim.id,
            data: { commentId: comment.id, actor: { id: desk.checker.userId, name: 'Chebet' } },
          },
        ]);
        expect(elsewhere.of()).toEqual([]);
      } finally {
        await mine.close();
        await elsewhere.close();
      }
    });
  });

  describe('hostile Markdown (test/fixtures/hostile-markdown.json)', () => {
    let claimId: string;
    beforeAll(async () => {
      claimId = (await createClaim(desk.checker)).body.id;
    });

    const cases = hostileCases();
    it('the corpus has something of each kind, and its generated cases sit on both sides of the limit', () => {
      const bodies = cases.filter((c) => c.status === 201).map((c) => c.body);
      for (const needle of [/<script/i, /javascript:/i, /\bon\w+=/i, /data:/i, /vbscript:/i])
        expect({ needle: String(needle), found: bodies.some((b) => needle.test(b)) }).toEqual({ needle: String(needle), found: true });
      expect(Math.max(...cases.filter((c) => c.status === 201).map((c) => [...c.body].length))).toBe(10_000);
      expect(cases.filter((c) => c.status === 400).some((c) => [...c.body].length === 10_001)).toBe(true);
    });

    it.each(cases.filter((c) => c.status === 201).map((c) => [c.name, c] as const))(
      '%s: stored and answered back exactly as written',
      async (_name, hostile) => {
        const created = await desk.checker.post(`/v1/claims/${claimId}/comments`, { body: hostile.body });
        expect(created.status).toBe(201);
        expect(created.body.body === hostile.body).toBe(true);
        const { rows } = await db.query(`SELECT body FROM comments WHERE id = $1`, [created.body.id]);
        expect(rows[0].body === hostile.body).toBe(true);
        const listed = await desk.checker.get(`/v1/claims/${claimId}/comments?limit=200`);
        const found = listed.body.items.find((c: { id: string }) => c.id === created.body.id);
        expect(found.body === hostile.body).toBe(true);
        expect(listed.contentType).toMatch(/^application\/json/);
      },
    );

    it.each(cases.filter((c) => c.status !== 201).map((c) => [c.name, c] as const))('%s: refused, and nothing changes', async (_name, hostile) => {
      const before = await settledFingerprint(db);
      const response = await desk.checker.post(`/v1/claims/${claimId}/comments`, { body: hostile.body });
      expectProblem(response, hostile.status, hostile.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED');
      if (hostile.status === 400) expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
      expect(await settledFingerprint(db)).toEqual(before);
    });
  });

  describe('bad input and isolation change nothing', () => {
    let claimId: string;
    let commentId: string;
    let foreignCommentId: string;
    let foreignClaimId: string;
    beforeAll(async () => {
      claimId = (await createClaim(desk.checker)).body.id;
      commentId = (await desk.checker.post(`/v1/claims/${claimId}/comments`, { body: 'Mine' })).body.id;
      foreignClaimId = (await createClaim(other.checker)).body.id;
      foreignCommentId = (await other.checker.post(`/v1/claims/${foreignClaimId}/comments`, { body: 'Theirs' })).body.id;
    });

    async function unchangedBy(request: () => Promise<void>): Promise<void> {
      const before = await settledFingerprint(db);
      await request();
      expect(await settledFingerprint(db)).toEqual(before);
    }

    it("another workspace's claim and comments are 404, exactly as if they did not exist", () =>
      unchangedBy(async () => {
        expectProblem(await desk.admin.post(`/v1/claims/${foreignClaimId}/comments`, { body: 'Hello from elsewhere, @[Chebet]' }), 404, 'NOT_FOUND');
        expectProblem(await desk.admin.get(`/v1/claims/${foreignClaimId}/comments`), 404, 'NOT_FOUND');
        expectProblem(await desk.admin.patch(`/v1/comments/${foreignCommentId}`, { resolved: true }), 404, 'NOT_FOUND');
        expectProblem(await desk.admin.patch(`/v1/comments/${foreignCommentId}`, { body: 'Rewritten' }), 404, 'NOT_FOUND');
        expectProblem(await desk.admin.delete(`/v1/comments/${foreignCommentId}`), 404, 'NOT_FOUND');
        expectProblem(await desk.admin.post(`/v1/claims/00000000-0000-4000-8000-000000000000/comments`, { body: 'x' }), 404, 'NOT_FOUND');
        expectProblem(await desk.admin.patch(`/v1/comments/not-a-uuid`, { resolved: true }), 404, 'NOT_FOUND');
      }));

    it("someone else's comment: an edit is 403 (with or without resolved), a delete by a non-admin is 403", () =>
      unchangedBy(async () => {
        expectProblem(await desk.editor.patch(`/v1/comments/${commentId}`, { body: 'Rewritten by an editor' }), 403, 'FORBIDDEN');
        expectProblem(await desk.admin.patch(`/v1/comments/${commentId}`, { body: 'Rewritten by an admin', resolved: true }), 403, 'FORBIDDEN');
        expectProblem(await desk.editor.delete(`/v1/comments/${commentId}`), 403, 'FORBIDDEN');
      }));

    it('a body over the limit, empty, or of the wrong type is 400 on create and on edit', () =>
      unchangedBy(async () => {
        for (const body of [{ body: 'x'.repeat(10_001) }, { body: '' }, { body: 42 }, { body: null }, {}, { body: 'ok', pinned: true }]) {
          const problem = expectProblem(await desk.checker.post(`/v1/claims/${claimId}/comments`, body), 400, 'VALIDATION_FAILED');
          expect(problem.errors.length).toBeGreaterThan(0);
        }
        for (const body of [
          { body: 'x'.repeat(10_001) },
          { body: '   ' },
          { body: null },
          { resolved: 'yes' },
          { resolved: null },
          { authorId: desk.editor.userId },
        ]) {
          expectProblem(await desk.checker.patch(`/v1/comments/${commentId}`, body), 400, 'VALIDATION_FAILED');
        }
      }));

    it('the comment is still as it was', async () => {
      const listed = await desk.checker.get(`/v1/claims/${claimId}/comments`);
      expect(listed.body.items).toEqual([expect.objectContaining({ id: commentId, body: 'Mine', editedAt: null, resolvedAt: null })]);
    });
  });
});
