import { simpleParser } from 'mailparser';
import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim } from './support/claims';
import type { HttpClient } from './support/http';
import { SmtpSink } from './support/receivers';
import { sleep, waitFor } from './support/wait';

/**
 * Mentions (docs/api.md, "Conversation on a claim"): who a comment names, in the same workspace
 * only, and one notification (inbox and e-mail) per comment and person, however often they are
 * named, edited in, raced or retried.
 */
describe('mentions', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let desk: Desk;
  let other: Desk;
  let db: Client;
  let email: Record<'admin' | 'editor' | 'editor2' | 'checker', string>;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startApp({ smtpUrl: smtp.url, publicUrl: 'https://desk.example.org' });
    desk = await createDesk(t, 'mentions');
    other = await createDesk(t, 'elsewhere');
    db = new Client({ connectionString: t.db.url });
    await db.connect();
    const me = async (client: HttpClient) => (await client.get('/v1/me')).body.email as string;
    email = { admin: await me(desk.admin), editor: await me(desk.editor), editor2: await me(desk.editor2), checker: await me(desk.checker) };
  });
  afterAll(async () => {
    await db.end();
    await t.close();
    await smtp.stop();
  });

  const mentionsOf = async (client: HttpClient, commentId: string) =>
    ((await client.get('/v1/me/notifications?limit=200')).body.items as Array<{ type: string; data?: { commentId?: string } }>).filter(
      (n) => n.type === 'mention' && n.data?.commentId === commentId,
    );

  it('@email and @[Name] of the workspace are mentions, in the order named; the inbox entry names the comment and its author', async () => {
    const { body: claim } = await createClaim(desk.checker);
    const body = `@[Baraka] and @${email.editor}: is table 4 right?`;
    const created = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body });
    expect(created.status).toBe(201);
    expect(created.body.body).toBe(body);
    expect(created.body.mentions).toEqual([
      { id: desk.editor2.userId, name: 'Baraka' },
      { id: desk.editor.userId, name: 'Achieng' },
    ]);
    for (const client of [desk.editor, desk.editor2]) {
      expect(await mentionsOf(client, created.body.id)).toEqual([
        {
          id: expect.any(String),
          type: 'mention',
          claimId: claim.id,
          reminderId: null,
          message: expect.stringContaining('Chebet mentioned you'),
          data: { commentId: created.body.id, author: { id: desk.checker.userId, name: 'Chebet' } },
          createdAt: expect.any(String),
          readAt: null,
        },
      ]);
    }
    expect((await desk.checker.get(`/v1/claims/${claim.id}/comments`)).body.items[0].mentions).toEqual(created.body.mentions);
  });

  it('someone of another workspace, an inactive user, or a name nobody has is plain text', async () => {
    const dormant = await desk.admin.post('/v1/users', { email: `dormant.${Date.now()}@desk.example`, name: 'Dormant Person', role: 'checker' });
    await desk.admin.patch(`/v1/users/${dormant.body.id}`, { active: false });
    const outsider = (await other.checker.get('/v1/me')).body.email;
    const { body: claim } = await createClaim(desk.checker);
    const body = `@${outsider} @[Dormant Person] @${dormant.body.email} @[Nobody Here] @nobody@desk.example`;
    const created = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body });
    expect(created.body.mentions).toEqual([]);
    await sleep(300);
    expect(await mentionsOf(other.checker, created.body.id)).toEqual([]);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM comment_mentions WHERE comment_id = $1`, [created.body.id]);
    expect(rows[0].n).toBe(0);
  });

  it('named three times, by address and by name, in one comment: told once; the author naming themself is not told', async () => {
    const { body: claim } = await createClaim(desk.checker);
    const body = `@[Achieng] look. @${email.editor.toUpperCase()} really, @[ achieng ]! — me, @[Chebet]`;
    const created = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body });
    expect(created.body.mentions.map((m: { id: string }) => m.id)).toEqual([desk.editor.userId, desk.checker.userId]);
    expect(await mentionsOf(desk.editor, created.body.id)).toHaveLength(1);
    expect(await mentionsOf(desk.checker, created.body.id)).toHaveLength(0);
  });

  it('an edit that adds a mention tells the new person only; a mention removed and added again tells nobody twice', async () => {
    const { body: claim } = await createClaim(desk.checker);
    const { body: comment } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: '@[Achieng] first look' });
    const edited = await desk.checker.patch(`/v1/comments/${comment.id}`, { body: '@[Achieng] first look, @[Baraka] second' });
    expect(edited.body.mentions.map((m: { id: string }) => m.id)).toEqual([desk.editor.userId, desk.editor2.userId]);
    expect(await mentionsOf(desk.editor2, comment.id)).toHaveLength(1);

    const removed = await desk.checker.patch(`/v1/comments/${comment.id}`, { body: 'nobody now' });
    expect(removed.body.mentions).toEqual([]);
    await desk.checker.patch(`/v1/comments/${comment.id}`, { body: '@[Achieng] @[Baraka] back again' });
    await desk.editor2.patch(`/v1/comments/${comment.id}`, { resolved: true });
    expect(await mentionsOf(desk.editor, comment.id)).toHaveLength(1);
    expect(await mentionsOf(desk.editor2, comment.id)).toHaveLength(1);
  });

  it('ten edits racing to add the same mention, and a retried create: told once each', async () => {
    const { body: claim } = await createClaim(desk.checker);
    const { body: comment } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: 'Draft' });
    const edits = await Promise.all(
      Array.from({ length: 10 }, (_, i) => desk.checker.patch(`/v1/comments/${comment.id}`, { body: `Draft ${i} for @[Baraka]` })),
    );
    expect(edits.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await mentionsOf(desk.editor2, comment.id)).toHaveLength(1);

    const headers = { 'idempotency-key': `mention-${comment.id}` };
    const first = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: '@[Baraka] retried' }, { headers });
    const again = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: '@[Baraka] retried' }, { headers });
    expect(again.body).toEqual(first.body);
    expect(await mentionsOf(desk.editor2, first.body.id)).toHaveLength(1);
  });

  it('the guard is a primary key in PostgreSQL, not a check in code', async () => {
    const { body: claim } = await createClaim(desk.checker);
    const { body: comment } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: '@[Baraka]' });
    await expect(db.query(`INSERT INTO comment_mentions (comment_id, user_id) VALUES ($1, $2)`, [comment.id, desk.editor2.userId])).rejects.toThrow(
      /duplicate key/,
    );
  });

  it('with SMTP_URL set, each person mentioned gets one e-mail per comment', async () => {
    const { body: claim } = await createClaim(desk.checker, { text: 'The county built 120 classrooms in 2025' });
    const { body: comment } = await desk.checker.post(`/v1/claims/${claim.id}/comments`, { body: `@${email.admin} @[Achieng] please confirm` });
    await desk.checker.patch(`/v1/comments/${comment.id}`, { body: `@${email.admin} @[Achieng] please confirm (edited)` });
    const mailsTo = async (address: string) => {
      const parsed = await Promise.all(smtp.mails.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
      return parsed.filter((m) => m.text?.includes(`/claims/${claim.id}`));
    };
    const [mail] = await waitFor(async () => ((await mailsTo(email.admin)).length ? mailsTo(email.admin) : null), { what: 'the mention e-mail' });
    expect(mail.subject).toBe('Chebet mentioned you: The county built 120 classrooms in 2025');
    expect(mail.text).toContain('please confirm');
    expect(mail.text).toContain(`https://desk.example.org/claims/${claim.id}`);
    await waitFor(async () => (await mailsTo(email.editor)).length === 1, { what: "Achieng's e-mail" });
    await sleep(1500); // a second e-mail would have arrived by now
    expect(await mailsTo(email.admin)).toHaveLength(1);
    expect(await mailsTo(email.editor)).toHaveLength(1);
  });
});
