import { simpleParser } from 'mailparser';
import { Client } from 'pg';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { claimIn, createClaim, inDays } from './support/claims';
import { inboxOf } from './support/digests';
import { SmtpSink, verifySignature, WebhookReceiver } from './support/receivers';
import { sleep, waitFor } from './support/wait';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** `2 Dec 2026, 09:05`, in UTC: written out here by hand, not by the formatter under test. */
function inUtcWords(iso: string): string {
  const at = new Date(iso);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'][at.getUTCMonth()];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCDate()} ${month} ${at.getUTCFullYear()}, ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
}

/** Escalation of missed dates, with the workers (and their sweep) in the test process. */
describe('escalation of overdue claims and missed follow-ups', () => {
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

  async function deskEscalatingAfter(escalateAfter: string | null): Promise<Desk> {
    const desk = await createDesk(t, 'escalation desk');
    const response = await desk.admin.patch('/v1/workspace', { escalateAfter });
    expect(response.status).toBe(200);
    return desk;
  }

  const overdueOf = async (client: Desk['admin'], claimId: string) => (await inboxOf(client, 'claim.overdue')).filter((n) => n.claimId === claimId);

  it("tells the workspace's editors and admins once — inbox, e-mail and the claim.overdue webhook — and again when the date moves", async () => {
    const desk = await deskEscalatingAfter('PT1S');
    const receiver = await new WebhookReceiver().start();
    const hook = await desk.admin.post('/v1/webhooks', { url: receiver.url, events: ['claim.overdue'] });
    expect(hook.status).toBe(201);
    try {
      const claim = (await createClaim(desk.editor, { text: 'The road will open in May', assigneeId: desk.checker.userId, dueAt: minutesAgo(5) })).body;

      for (const client of [desk.admin, desk.editor, desk.editor2]) {
        const [entry] = await waitFor(() => overdueOf(client, claim.id).then((n) => (n.length ? n : null)), { what: 'the inbox entry' });
        expect(entry).toMatchObject({ type: 'claim.overdue', claimId: claim.id, data: { reason: 'due', since: claim.dueAt } });
        // The missed date as people read it, in the workspace's zone (UTC here); the webhook keeps the instant.
        expect(entry.message).toBe(`Overdue since ${inUtcWords(claim.dueAt)} (UTC): The road will open in May`);
      }
      expect(await overdueOf(desk.checker, claim.id)).toEqual([]);

      const [call] = await waitFor(() => (receiver.ofType('claim.overdue').length ? receiver.ofType('claim.overdue') : null), { what: 'the webhook' });
      expect(verifySignature(hook.body.secret, call)).toBe(true);
      expect(call.json.data).toEqual({
        claimId: claim.id,
        reason: 'due',
        since: claim.dueAt,
        claim: { id: claim.id, text: 'The road will open in May', status: 'submitted', assignee: { id: desk.checker.userId, name: 'Chebet' } },
      });

      const editorEmail: string = (await desk.editor.get('/v1/me')).body.email;
      const mail = await waitFor(() => smtp.mails.find((m) => m.to.includes(editorEmail) && m.raw.includes('The road will open in May')), {
        what: 'the e-mail',
      });
      const parsed = await simpleParser(mail.raw);
      expect(parsed.subject).toBe('Overdue: The road will open in May');
      expect(parsed.text).toContain(`https://desk.example.org/claims/${claim.id}`);

      // Once per date: later sweeps add nothing.
      await sleep(6000);
      expect(await overdueOf(desk.editor, claim.id)).toHaveLength(1);
      expect(receiver.ofType('claim.overdue')).toHaveLength(1);

      // Moving the date re-arms it: a new missed date is told again.
      const current = await desk.editor.get(`/v1/claims/${claim.id}`);
      const moved = minutesAgo(1);
      expect((await desk.editor.patch(`/v1/claims/${claim.id}`, { dueAt: moved }, { headers: { 'if-match': current.headers.get('etag')! } })).status).toBe(200);
      const both = await waitFor(() => overdueOf(desk.editor, claim.id).then((n) => (n.length === 2 ? n : null)), { what: 'the second escalation' });
      expect(both.map((n) => n.data.since).sort()).toEqual([claim.dueAt, new Date(moved).toISOString()].sort());
      await waitFor(() => receiver.ofType('claim.overdue').length === 2, { what: 'the second webhook' });
    } finally {
      await receiver.stop();
    }
  });

  it('a missed follow-up of a monitored claim is escalated with reason follow_up; claims in review or done are not', async () => {
    const desk = await deskEscalatingAfter('PT1S');
    const monitored = await claimIn(desk, 'monitoring');
    const followUpAt = minutesAgo(2);
    await db.query(`UPDATE claims SET follow_up_at = $2 WHERE id = $1`, [monitored, followUpAt]);
    const inReview = await claimIn(desk, 'in_review');
    const published = await claimIn(desk, 'published');
    const rejected = await claimIn(desk, 'rejected');
    await db.query(`UPDATE claims SET due_at = $2 WHERE id = ANY($1::uuid[])`, [[inReview, published, rejected], minutesAgo(10)]);

    const [entry] = await waitFor(() => overdueOf(desk.admin, monitored).then((n) => (n.length ? n : null)), { what: 'the follow-up escalation' });
    expect(entry.data).toEqual({ reason: 'follow_up', since: new Date(followUpAt).toISOString() });
    expect(entry.message).toBe(`Follow-up missed since ${inUtcWords(followUpAt)} (UTC): ${(await desk.admin.get(`/v1/claims/${monitored}`)).body.text}`);
    await sleep(6000);
    for (const id of [inReview, published, rejected]) expect(await overdueOf(desk.admin, id)).toEqual([]);
  });

  it('waits escalateAfter after the date, and escalateAfter null turns escalation off', async () => {
    const patient = await deskEscalatingAfter('P1D');
    const notYet = (await createClaim(patient.editor, { dueAt: minutesAgo(5) })).body;
    const late = (await createClaim(patient.editor, { dueAt: inDays(-2) })).body;
    const off = await deskEscalatingAfter(null);
    const never = (await createClaim(off.editor, { dueAt: inDays(-2) })).body;

    await waitFor(() => overdueOf(patient.editor, late.id).then((n) => n.length === 1), { what: 'the escalation after a day' });
    await sleep(6000);
    expect(await overdueOf(patient.editor, notYet.id)).toEqual([]);
    expect(await overdueOf(off.editor, never.id)).toEqual([]);
    expect((await db.query(`SELECT 1 FROM escalations WHERE workspace_id = $1`, [off.workspaceId])).rows).toEqual([]);
  });
});
