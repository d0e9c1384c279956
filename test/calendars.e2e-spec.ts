import ICAL from 'ical.js';
import { DataSource } from 'typeorm';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { createClaim, inDays } from './support/claims';
import type { HttpClient } from './support/http';

/** The events of a calendar, read with ical.js (a parser independent of the generator). */
function parseCalendar(text: string): ICAL.Component[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  return calendar.getAllSubcomponents('vevent');
}

const uidOf = (reminderId: string) => `reminder-${reminderId}@claimtrack`;
const prop = (event: ICAL.Component, name: string) => event.getFirstPropertyValue(name);
/** iCalendar times have whole seconds. */
const toSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();
const startOf = (event: ICAL.Component) => (prop(event, 'dtstart') as ICAL.Time).toJSDate().toISOString();

describe('calendars: a secret iCalendar address per person', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await startApp({ appRole: 'api', publicUrl: 'https://desk.example.org' });
    desk = await createDesk(t);
  });
  afterAll(() => t.close());

  async function subscribe(client: HttpClient): Promise<string> {
    const response = await client.post('/v1/me/calendar', {});
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ url: expect.stringMatching(/^https:\/\/desk\.example\.org\/cal\/[A-Za-z0-9_-]{40,}\.ics$/) });
    return new URL(response.body.url).pathname;
  }

  async function feed(path: string): Promise<{ events: ICAL.Component[]; etag: string; text: string }> {
    const response = await t.http.get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    return { events: parseCalendar(response.text), etag: response.headers.get('etag')!, text: response.text };
  }

  it('each POST makes a new secret and the previous address stops working; DELETE turns it off', async () => {
    const first = await subscribe(desk.checker);
    expect((await t.http.get(first)).status).toBe(200);
    const second = await subscribe(desk.checker);
    expect(second).not.toBe(first);
    expect((await t.http.get(first)).status).toBe(404);
    expect((await t.http.get(second)).status).toBe(200);
    expect((await desk.checker.delete('/v1/me/calendar')).status).toBe(204);
    expect((await t.http.get(second)).status).toBe(404);
    expect((await t.http.get('/cal/not-a-secret-at-all-but-long-enough.ics')).status).toBe(404);
    expect((await t.http.get('/cal/x')).status).toBe(404);
    expect((await t.http.post('/v1/me/calendar', {})).status).toBe(401);
    // Only a hash of the secret is kept.
    const rows: Array<{ secret_hash: Buffer }> = await t.app.get(DataSource).query(`SELECT secret_hash FROM calendar_feeds`);
    for (const row of rows) expect(second).not.toContain(row.secret_hash.toString('base64url'));
  });

  it('lists the reminders that would reach the person, with UID, SEQUENCE, DTSTAMP, DTSTART, SUMMARY, DESCRIPTION, URL and an alarm', async () => {
    const mine = (await createClaim(desk.editor, { text: 'The Treasury will publish the audit by March', assigneeId: desk.checker.userId })).body;
    const unassigned = (await createClaim(desk.editor, { text: 'Nobody has this one yet' })).body;
    const theirs = (await createClaim(desk.editor, { text: 'Assigned to Baraka', assigneeId: desk.editor2.userId })).body;
    const at = inDays(10);
    const reminder = (await desk.checker.post(`/v1/claims/${mine.id}/reminders`, { message: 'Ask the Treasury for the audit', at })).body;
    const open = (await desk.checker.post(`/v1/claims/${unassigned.id}/reminders`, { message: 'Find someone for this', at: inDays(3) })).body;
    const other = (await desk.checker.post(`/v1/claims/${theirs.id}/reminders`, { message: 'Baraka only', at: inDays(4) })).body;

    const checkerFeed = await feed(await subscribe(desk.checker));
    const uids = checkerFeed.events.map((e) => prop(e, 'uid'));
    expect(uids).toContain(uidOf(reminder.id));
    expect(uids).not.toContain(uidOf(open.id)); // a checker sees only claims assigned to them
    expect(uids).not.toContain(uidOf(other.id));

    const event = checkerFeed.events.find((e) => prop(e, 'uid') === uidOf(reminder.id))!;
    expect(startOf(event)).toBe(toSecond(at));
    expect((prop(event, 'dtstart') as ICAL.Time).zone?.tzid).toBe('UTC');
    expect(prop(event, 'dtstamp')).toBeTruthy();
    expect(prop(event, 'sequence')).toBe(0);
    expect(prop(event, 'summary')).toBe('Ask the Treasury for the audit');
    expect(prop(event, 'description')).toBe('The Treasury will publish the audit by March');
    expect(prop(event, 'url')).toBe(`https://desk.example.org/claims/${mine.id}`);
    expect(prop(event, 'status')).toBe('CONFIRMED');
    const [alarm] = event.getAllSubcomponents('valarm');
    expect(prop(alarm, 'action')).toBe('DISPLAY');
    expect((prop(alarm, 'trigger') as ICAL.Duration).toSeconds()).toBe(0);

    const editorUids = (await feed(await subscribe(desk.editor))).events.map((e) => prop(e, 'uid'));
    expect(editorUids).toEqual(expect.arrayContaining([uidOf(open.id)])); // editors also see unassigned claims
    expect(editorUids).not.toContain(uidOf(reminder.id));
    expect(editorUids).not.toContain(uidOf(other.id));

    // Another workspace's person never sees these.
    const elsewhere = await createDesk(t, 'elsewhere');
    expect((await feed(await subscribe(elsewhere.admin))).events).toEqual([]);
  });

  it('a reminder rescheduled through the API moves in the parsed calendar, keeps its UID and raises SEQUENCE; ETag and 304', async () => {
    const claim = (await createClaim(desk.editor, { assigneeId: desk.checker.userId })).body;
    const reminder = (await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Call the ministry', at: inDays(5) })).body;
    const path = await subscribe(desk.checker);

    const before = await feed(path);
    const notModified = await t.http.get(path, { headers: { 'if-none-match': before.etag } });
    expect(notModified.status).toBe(304);
    expect((await t.http.get(path, { headers: { 'if-none-match': '*' } })).status).toBe(304);
    expect(notModified.text).toBe('');
    const old = before.events.find((e) => prop(e, 'uid') === uidOf(reminder.id))!;
    expect(prop(old, 'sequence')).toBe(0);

    const movedTo = inDays(8);
    expect((await desk.checker.patch(`/v1/reminders/${reminder.id}`, { at: movedTo })).status).toBe(200);
    const after = await feed(path);
    expect(after.etag).not.toBe(before.etag);
    expect((await t.http.get(path, { headers: { 'if-none-match': before.etag } })).status).toBe(200);
    const moved = after.events.find((e) => prop(e, 'uid') === uidOf(reminder.id))!;
    expect(startOf(moved)).toBe(toSecond(movedTo));
    expect(prop(moved, 'sequence')).toBe(1);

    // A change of message only is not a reschedule; moving it again raises SEQUENCE again.
    await desk.checker.patch(`/v1/reminders/${reminder.id}`, { message: 'Call the ministry again' });
    await desk.checker.patch(`/v1/reminders/${reminder.id}`, { at: inDays(9) });
    const again = (await feed(path)).events.find((e) => prop(e, 'uid') === uidOf(reminder.id))!;
    expect(prop(again, 'summary')).toBe('Call the ministry again');
    expect(prop(again, 'sequence')).toBe(2);

    // A claim's due date moves its deadline reminder in the calendar too.
    const due = (await createClaim(desk.editor, { assigneeId: desk.checker.userId, dueAt: inDays(6) })).body;
    const [deadline] = (await desk.checker.get(`/v1/claims/${due.id}/reminders`)).body.items;
    const current = await desk.editor.get(`/v1/claims/${due.id}`);
    const newDue = inDays(12);
    expect((await desk.editor.patch(`/v1/claims/${due.id}`, { dueAt: newDue }, { headers: { 'if-match': current.headers.get('etag')! } })).status).toBe(200);
    const deadlineEvent = (await feed(path)).events.find((e) => prop(e, 'uid') === uidOf(deadline.id))!;
    expect(prop(deadlineEvent, 'sequence')).toBe(1);
    expect(startOf(deadlineEvent)).toBe(toSecond((await desk.checker.get(`/v1/reminders/${deadline.id}`)).body.dueAt));
  });

  it('a regular repeat is one event with an RRULE; any other is its next 20 occurrences', async () => {
    const claim = (await createClaim(desk.editor, { assigneeId: desk.checker.userId })).body;
    const until = inDays(120);
    const weekly = (await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Every fortnight', at: inDays(2), every: 'P14D', until })).body;
    const monthly = (await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Monthly', at: inDays(2), every: 'P1M' })).body;
    const odd = (await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Every 90 seconds', at: inDays(1), every: 'PT90S' })).body;
    const { events } = await feed(await subscribe(desk.checker));

    const weeklyEvents = events.filter((e) => prop(e, 'uid') === uidOf(weekly.id));
    expect(weeklyEvents).toHaveLength(1);
    const rule = prop(weeklyEvents[0], 'rrule') as ICAL.Recur;
    expect(rule.freq).toBe('WEEKLY');
    expect(rule.interval).toBe(2);
    expect(rule.until!.toJSDate().toISOString()).toBe(toSecond(until));
    // ical.js expands the rule to the same dates the reminder will fire on.
    const expand = new ICAL.Event(weeklyEvents[0]).iterator();
    expand.next(); // the first occurrence, at DTSTART
    const second = expand.next().toJSDate();
    expect(second.toISOString()).toBe(toSecond(new Date(Date.parse(weekly.dueAt) + 14 * 86_400_000).toISOString()));

    const monthlyRule = prop(
      events.find((e) => prop(e, 'uid') === uidOf(monthly.id))!,
      'rrule',
    ) as ICAL.Recur;
    expect([monthlyRule.freq, monthlyRule.interval, monthlyRule.until]).toEqual(['MONTHLY', 1, null]);

    const oddEvents = events.filter((e) => String(prop(e, 'uid')).startsWith(`reminder-${odd.id}-`));
    expect(oddEvents).toHaveLength(20);
    expect(new Set(oddEvents.map((e) => prop(e, 'uid'))).size).toBe(20);
    expect(oddEvents.every((e) => prop(e, 'rrule') === null)).toBe(true);
    const starts = oddEvents.map((e) => Date.parse(startOf(e))).sort((a, b) => a - b);
    expect(new Date(starts[0]).toISOString()).toBe(toSecond(odd.dueAt));
    expect(starts[19] - starts[0]).toBe(19 * 90_000);
  });

  it('a cancelled reminder stays as STATUS:CANCELLED with a higher SEQUENCE; after 30 days it leaves', async () => {
    const claim = (await createClaim(desk.editor, { assigneeId: desk.checker.userId })).body;
    const reminder = (await desk.checker.post(`/v1/claims/${claim.id}/reminders`, { message: 'Soon cancelled', at: inDays(4) })).body;
    const path = await subscribe(desk.checker);
    const before = (await feed(path)).events.find((e) => prop(e, 'uid') === uidOf(reminder.id))!;
    expect((await desk.checker.delete(`/v1/reminders/${reminder.id}`)).status).toBe(204);
    const cancelled = (await feed(path)).events.find((e) => prop(e, 'uid') === uidOf(reminder.id))!;
    expect(prop(cancelled, 'status')).toBe('CANCELLED');
    expect(Number(prop(cancelled, 'sequence'))).toBeGreaterThan(Number(prop(before, 'sequence')));
    expect(cancelled.getAllSubcomponents('valarm')).toEqual([]);

    await t.app.get(DataSource).query(`UPDATE reminders SET updated_at = now() - interval '31 days' WHERE id = $1`, [reminder.id]);
    expect((await feed(path)).events.map((e) => prop(e, 'uid'))).not.toContain(uidOf(reminder.id));
  });
});
