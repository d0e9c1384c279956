import { simpleParser, type ParsedMail } from 'mailparser';
import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { claimIn, createClaim, inDays, transition } from './support/claims';
import { inboxOf, setDigestTime, zoneWhereLocalHourIs } from './support/digests';
import { SmtpSink } from './support/receivers';
import { sleep, waitFor } from './support/wait';

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** Daily digests, with the workers (and their digest sweep) in the test process. */
describe('daily digests', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let db: Client;
  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startApp({ smtpUrl: smtp.url, publicUrl: 'https://desk.example.org' });
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
    await smtp.stop();
  });

  /**
   * A desk whose digest time is still ahead today (local noon, digest at 23:59), with any digest
   * the sweep handled while the workspace still had the default 08:00 UTC forgotten.
   */
  async function quietDesk(): Promise<Desk & { zone: string }> {
    const desk = await createDesk(t, 'digest desk');
    const zone = zoneWhereLocalHourIs(12);
    await setDigestTime(desk, '23:59', zone);
    await sleep(500); // a sweep that started before the change has committed by now
    await db.query(`DELETE FROM digests WHERE workspace_id = $1`, [desk.workspaceId]);
    return Object.assign(desk, { zone });
  }

  async function mailsTo(client: Desk['checker']): Promise<ParsedMail[]> {
    const email: string = (await client.get('/v1/me')).body.email;
    const parsed = await Promise.all(smtp.mails.filter((m) => m.to.includes(email)).map((m) => simpleParser(m.raw)));
    return parsed.filter((m) => m.subject?.startsWith('Your claimtrack digest'));
  }

  it('at digestAt each person gets one digest: overdue, due today, follow-ups, and for editors claims to review; inbox and an e-mail with both parts', async () => {
    const desk = await quietDesk();
    const overdue = (
      await createClaim(desk.editor, { text: 'The dam will be finished by June <b>2026</b>', assigneeId: desk.checker.userId, dueAt: inDays(-2) })
    ).body;
    const dueToday = (await createClaim(desk.editor, { text: 'Fuel prices will fall this week', assigneeId: desk.checker.userId, dueAt: hoursFromNow(1) }))
      .body;
    await createClaim(desk.editor, { text: 'Due next month', assigneeId: desk.checker.userId, dueAt: inDays(30) });
    await createClaim(desk.editor, { text: 'Not mine', assigneeId: desk.editor2.userId, dueAt: inDays(-1) });
    const followUp = (await createClaim(desk.editor, { kind: 'promise', text: 'Kenya will be reimbursed', assigneeId: desk.checker.userId })).body;
    await transition(desk.checker, followUp.id, { to: 'in_research' });
    expect((await transition(desk.checker, followUp.id, { to: 'monitoring', followUpAt: inDays(3) })).status).toBe(200);
    const review = await claimIn(desk, 'in_review'); // proposed by the checker

    await setDigestTime(desk, '00:00', desk.zone); // passed today, hours ago: sent now, late the same day
    const [digest] = await waitFor(() => inboxOf(desk.checker, 'digest').then((d) => (d.length ? d : null)), { what: "the checker's digest" });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: desk.zone }).format(new Date());
    expect(digest).toMatchObject({ type: 'digest', claimId: null, reminderId: null, readAt: null });
    expect(digest.message).toBe(`Your digest for ${today}: 1 overdue, 1 due today, 1 follow-up`);
    expect(digest.data).toEqual({
      date: today,
      overdue: [{ id: overdue.id, text: overdue.text, status: 'submitted', dueAt: overdue.dueAt }],
      dueToday: [{ id: dueToday.id, text: dueToday.text, status: 'submitted', dueAt: dueToday.dueAt }],
      followUps: [{ id: followUp.id, text: followUp.text, status: 'monitoring', followUpAt: expect.any(String) }],
      toReview: [],
    });

    const [editorDigest] = await waitFor(() => inboxOf(desk.editor, 'digest').then((d) => (d.length ? d : null)), { what: "the editor's digest" });
    expect(editorDigest.data.toReview.map((c: { id: string }) => c.id)).toEqual([review]);
    expect(editorDigest.data.overdue).toEqual([]);

    // The e-mail: one message, a plain-text and an HTML part, each claim linked to the desk.
    const [mail] = await waitFor(() => mailsTo(desk.checker).then((m) => (m.length ? m : null)), { what: 'the digest e-mail' });
    expect(mail.subject).toBe(`Your claimtrack digest for ${today}: 1 overdue, 1 due today, 1 follow-up`);
    expect(mail.text).toContain('The dam will be finished by June <b>2026</b>');
    expect(mail.text).toContain(`https://desk.example.org/claims/${overdue.id}`);
    expect(mail.text).toContain(`https://desk.example.org/claims/${followUp.id}`);
    expect(mail.html).toContain('The dam will be finished by June &lt;b&gt;2026&lt;/b&gt;');
    for (const claim of [overdue, dueToday, followUp]) expect(mail.html).toContain(`href="https://desk.example.org/claims/${claim.id}"`);
    const raw = smtp.mails.find((m) => m.raw.includes(mail.messageId!))!.raw;
    expect(raw).toMatch(/multipart\/alternative/);
    expect(raw).toMatch(/Content-Type: text\/plain/);
    expect(raw).toMatch(/Content-Type: text\/html/);

    // Later sweeps send nothing more today.
    await sleep(6000);
    expect(await inboxOf(desk.checker, 'digest')).toHaveLength(1);
    expect(await mailsTo(desk.checker)).toHaveLength(1);
    const rows = await db.query(`SELECT user_id, event_id FROM digests WHERE workspace_id = $1 AND user_id = $2`, [desk.workspaceId, desk.checker.userId]);
    expect(rows.rows).toEqual([{ user_id: desk.checker.userId, event_id: expect.any(String) }]);
  });

  it('nobody gets an empty digest, nor one they turned off, nor an inactive person', async () => {
    const desk = await quietDesk();
    // editor2 has nothing at all; the checker has an overdue claim but turned digests off.
    await createClaim(desk.editor, { text: 'Overdue for someone who opted out', assigneeId: desk.checker.userId, dueAt: inDays(-1) });
    await db.query(`UPDATE users SET digest = false WHERE id = $1`, [desk.checker.userId]);
    await createClaim(desk.editor, { text: 'Overdue for someone who left', assigneeId: desk.editor2.userId, dueAt: inDays(-1) });
    expect((await desk.admin.patch(`/v1/users/${desk.editor2.userId}`, { active: false })).status).toBe(200);
    const emptyHanded = await createDesk(t, 'empty desk');
    await setDigestTime(emptyHanded, '00:00', zoneWhereLocalHourIs(12));

    await setDigestTime(desk, '00:00', desk.zone);
    // The admin and the editor have nothing of their own and nothing to review: their day is
    // handled (a row) without a digest. So is everyone's in the desk with no claims at all.
    await waitFor(
      async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM digests WHERE workspace_id = ANY($1::uuid[])`, [
          [desk.workspaceId, emptyHanded.workspaceId],
        ]);
        return rows[0].n >= 6; // desk: admin and editor; the empty desk: all four
      },
      { what: 'the sweep to handle both workspaces' },
    );
    for (const client of [desk.admin, desk.editor, desk.checker, emptyHanded.admin, emptyHanded.editor, emptyHanded.checker]) {
      expect(await inboxOf(client, 'digest')).toEqual([]);
    }
    const { rows } = await db.query(`SELECT user_id, event_id FROM digests WHERE workspace_id = ANY($1::uuid[])`, [
      [desk.workspaceId, emptyHanded.workspaceId],
    ]);
    expect(rows.every((r) => r.event_id === null)).toBe(true);
    expect(rows.map((r) => r.user_id)).not.toContain(desk.checker.userId);
    expect(rows.map((r) => r.user_id)).not.toContain(desk.editor2.userId);
  });

  it("follows the person's own time zone over the workspace's, and never sends a missed day's digest the next day", async () => {
    const desk = await quietDesk();
    await createClaim(desk.editor, { text: 'Overdue for the checker', assigneeId: desk.checker.userId, dueAt: inDays(-1) });
    await createClaim(desk.editor, { text: 'Overdue for Baraka', assigneeId: desk.editor2.userId, dueAt: inDays(-1) });
    // The checker lives where it is 03:00: digest time 06:00 has not come yet today, and
    // yesterday's (missed: nothing ran for this desk then) is not sent late today.
    await db.query(`UPDATE users SET timezone = $2 WHERE id = $1`, [desk.checker.userId, zoneWhereLocalHourIs(3)]);
    await setDigestTime(desk, '06:00', desk.zone); // local noon for the workspace: passed

    await waitFor(() => inboxOf(desk.editor2, 'digest').then((d) => d.length === 1), { what: "Baraka's digest" });
    await sleep(6000); // more sweeps
    expect(await inboxOf(desk.checker, 'digest')).toEqual([]);

    // Once the checker's own 06:00 has passed (here: their zone moves to where it is noon), it comes.
    await db.query(`UPDATE users SET timezone = $2 WHERE id = $1`, [desk.checker.userId, zoneWhereLocalHourIs(12)]);
    await waitFor(() => inboxOf(desk.checker, 'digest').then((d) => d.length === 1), { what: "the checker's digest" });
  });
});
