import { Client } from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
import { HttpClient } from '../support/http';
import { waitFor } from '../support/wait';
import { axeLog, checkScreen, createPerson, launchChromium, signIn as signInAt, startDeskService, type DeskPerson, type DeskService } from './desk-browser';

/**
 * The desk's other screens in Chromium against the real service (docs/desk.md, "Screens"): the
 * claim list, the new-claim form with similar claims as one types, intake from a source, the
 * inbox, the reminders agenda and settings, by the names docs/desk.md fixes. axe-core checks each
 * at 360 and 1,440 px, and each leaves its screenshots in docs/screenshots/.
 */
jest.setTimeout(180_000);

const SOURCE_TEXT = [
  "Principal Secretary Korir Sing'Oei met reporters in Nairobi on Tuesday to defend the police deployment to Haiti.",
  '"Kenya has so far spent Ksh 2.1 billion on the Haiti mission," he said.',
  'He added that the money Kenya spent will be reimbursed to Kenya by the end of next year.',
].join(' ');

describe('the list, new claim, intake, inbox, agenda and settings, in a browser', () => {
  let desk: DeskService;
  let browser: Browser;
  let grace: DeskPerson;
  let omar: DeskPerson;
  let aisha: DeskPerson;
  const problems: string[] = [];
  const pages: Page[] = [];

  async function signIn(person: DeskPerson, path: string): Promise<Page> {
    const page = await signInAt(browser, desk, person, path, problems);
    pages.push(page);
    return page;
  }

  async function createClaim(by: DeskPerson, body: Record<string, unknown>): Promise<{ id: string; text: string }> {
    const created = await by.api.post('/v1/claims', { kind: 'statement', claimant: { name: 'Miriam Achola' }, ...body });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function transition(by: DeskPerson, claimId: string, body: Record<string, unknown>): Promise<void> {
    const current = await by.api.get(`/v1/claims/${claimId}`);
    const moved = await by.api.request('POST', `/v1/claims/${claimId}/transitions`, { body, headers: { 'if-match': `"${current.body.version}"` } });
    expect([moved.status, moved.text]).toEqual([200, expect.any(String)]);
  }

  const main = (page: Page): Locator => page.getByRole('main');
  const inboxLink = (page: Page): Locator => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ });

  beforeAll(async () => {
    desk = await startDeskService();
    browser = await launchChromium();
    grace = await createPerson(desk, 'Grace Wanjiru', 'editor');
    omar = await createPerson(desk, 'Omar Haji', 'checker');
    aisha = await createPerson(desk, 'Aisha Mohamed', 'admin');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    // For the report: every screen axe looked at here, and what it found.
    process.stdout.write(`axe (serious or critical violations): ${axeLog.map((a) => `${a.screen}@${a.width}=${a.serious}`).join(', ')}\n`);
  });

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
    expect(problems.splice(0)).toEqual([]);
  });

  it('lists claims, searches and filters them through the address, and loads more', async () => {
    const promise = await createClaim(grace, { text: 'The money Kenya spent will be reimbursed to Kenya', kind: 'promise', tags: ['haiti'] });
    await createClaim(grace, { text: 'Nairobi county opened twelve new health clinics this year', tags: ['health'] });
    for (let i = 0; i < 50; i++) await createClaim(omar, { text: `Filler claim number ${i} about the county budget` });

    const page = await signIn(grace, '/claims');
    const list = main(page).getByRole('list', { name: 'Claims' });
    await list.getByRole('link', { name: 'Filler claim number 49 about the county budget' }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(50);
    await checkScreen(page, 'claims');
    await main(page).getByRole('button', { name: 'Load more' }).click();
    await list.getByRole('link', { name: promise.text }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(52);
    await expect(main(page).getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);

    // Word stems match (reimburse finds "reimbursed"), and the search goes into the address.
    await page.getByLabel('Search claims').fill('reimburse');
    await page.waitForURL(/\/claims\?q=reimburse$/);
    await waitFor(async () => (await list.getByRole('listitem').count()) === 1, { what: 'one claim found' });
    await list.getByRole('link', { name: promise.text }).waitFor();

    await page.getByLabel('Search claims').fill('');
    await page.getByLabel('Kind').selectOption('promise');
    await page.getByLabel('Tag').fill('haiti');
    await page.waitForURL(/\/claims\?kind=promise&tag=haiti$/);
    await page.reload();
    expect(await page.getByLabel('Kind').inputValue()).toBe('promise');
    expect(await page.getByLabel('Tag').inputValue()).toBe('haiti');
    await waitFor(async () => (await list.getByRole('listitem').count()) === 1, { what: 'the promise alone' });

    await page.getByLabel('Status').selectOption('published');
    await main(page).getByText('No claim matches these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(/\/claims$/);
    await list.getByRole('link', { name: 'Filler claim number 49 about the county budget' }).waitFor();
  });

  it('shows the claims already checked as a new claim is typed, with their verdicts, and opens the claim it creates', async () => {
    const checked = await createClaim(omar, { text: 'The Haiti mission has cost Kenya Ksh 4.2 billion so far' });
    await transition(omar, checked.id, { to: 'in_research' });
    expect((await omar.api.post(`/v1/claims/${checked.id}/evidence`, { description: 'Treasury estimates', stance: 'refutes' })).status).toBe(201);
    await transition(omar, checked.id, { to: 'in_review', verdict: { rating: 'false', summary: 'The budget says 2.1 billion.' } });
    await transition(grace, checked.id, { to: 'published' });

    const page = await signIn(grace, '/claims/new');
    await page.getByLabel('Claim', { exact: true }).fill('Kenya says the Haiti mission has cost Ksh 4.2 billion so far');
    const similar = page.getByRole('region', { name: 'Similar claims' });
    await similar.getByRole('link', { name: new RegExp(`^${checked.text}`) }).waitFor();
    await similar.getByText('Verdict: False').waitFor();
    await similar.getByText('Published').waitFor();

    await page.getByLabel('Kind').selectOption('statement');
    await page.getByLabel('Claimant').fill("Korir Sing'Oei");
    await page.getByLabel('Affiliation').fill('Foreign Affairs');
    await page.getByLabel('Quote').fill('“It has cost us 4.2 billion,” he said.');
    await page.getByLabel('Priority').selectOption('high');
    await page.getByLabel('Due').fill('2031-06-01T09:30');
    await page.getByLabel('Tags').fill('haiti, budget, haiti');
    await checkScreen(page, 'new-claim');
    await page.getByRole('button', { name: 'Create claim' }).click();
    await page.waitForURL(/\/claims\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Kenya says the Haiti mission has cost Ksh 4.2 billion so far' }).waitFor();

    const id = page.url().split('/').pop()!;
    const created = (await grace.api.get(`/v1/claims/${id}`)).body;
    expect(created).toMatchObject({
      kind: 'statement',
      claimant: { name: "Korir Sing'Oei", affiliation: 'Foreign Affairs' },
      quote: '“It has cost us 4.2 billion,” he said.',
      priority: 'high',
      dueAt: '2031-06-01T09:30:00.000Z',
      tags: ['haiti', 'budget'],
    });
  });

  it('adds a source, tracks a suggested promise with its follow-up date ready in Monitor, and shows it Tracked', async () => {
    const page = await signIn(omar, '/sources');
    await main(page).getByText('No sources yet').waitFor();
    await checkScreen(page, 'sources');

    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add source' });
    await dialog.getByLabel('Title').fill("PS Sing'Oei on the Haiti mission");
    await dialog.getByLabel('URL').fill('https://news.example.org/haiti-mission');
    await dialog.getByLabel('Publisher').fill('Daily Example');
    await dialog.getByLabel('Published').fill('2026-11-27');
    await dialog.getByLabel('Text').fill(SOURCE_TEXT);
    await dialog.getByRole('button', { name: 'Save source' }).click();
    await page.waitForURL(/\/sources\/[0-9a-f-]{36}$/);
    const sourceUrl = page.url();

    const suggestions = page
      .getByRole('list', { name: /^Suggested claims/ })
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: 'Track' }) });
    const spent = suggestions.filter({ hasText: 'Ksh 2.1 billion' });
    await spent.getByRole('list', { name: 'Signals' }).getByText('Money', { exact: true }).waitFor();
    await spent.getByRole('list', { name: 'Signals' }).getByText('Number', { exact: true }).waitFor();
    const promise = suggestions.filter({ hasText: 'reimbursed to Kenya by the end of next year' });
    await promise.getByText('Promise', { exact: true }).waitFor();
    await promise.getByRole('list', { name: 'Signals' }).getByText('Future', { exact: true }).waitFor();
    await checkScreen(page, 'source');

    const offered = await omar.api.get(`/v1/sources/${sourceUrl.split('/').pop()}/suggestions`);
    const suggested = offered.body.items.find((s: { text: string }) => s.text.includes('reimbursed'));
    expect(suggested.suggestedFollowUpAt).toEqual(expect.any(String));

    await promise.getByRole('button', { name: 'Track' }).click();
    await page.waitForURL(/\/claims\/[0-9a-f-]{36}\?followUp=/);
    const claimId = new URL(page.url()).pathname.split('/').pop()!;
    const claim = (await omar.api.get(`/v1/claims/${claimId}`)).body;
    expect(claim).toMatchObject({ text: suggested.text, kind: 'promise', quote: suggested.sentence, sourceId: sourceUrl.split('/').pop() });
    expect(claim.claimant.name).toEqual(suggested.claimant.name);

    await page.getByRole('button', { name: 'Start research' }).click();
    await page.getByRole('button', { name: 'Monitor' }).click();
    const monitor = page.getByRole('dialog', { name: 'Monitor' });
    // The browser runs in UTC: the wall time is the instant's own.
    expect(await monitor.getByLabel('Follow-up date').inputValue()).toBe(suggested.suggestedFollowUpAt.slice(0, 16));
    await monitor.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(sourceUrl);
    const tracked = page
      .getByRole('list', { name: /^Suggested claims/ })
      .getByRole('listitem')
      .filter({ hasText: 'reimbursed to Kenya by the end of next year' });
    await tracked.getByRole('link', { name: 'Tracked' }).click();
    await page.waitForURL(new RegExp(`/claims/${claimId}$`));
  });

  it('lists notifications newest first, marks the one opened read on the way to its claim, and marks all read', async () => {
    const first = await createClaim(grace, { text: 'The clinic budget doubled in two years', assigneeId: grace.id });
    const second = await createClaim(grace, { text: 'The new expressway carried two million vehicles', assigneeId: grace.id });
    for (const [claim, message] of [
      [first, 'Ask the county for the clinic budget'],
      [second, 'Check the expressway traffic count'],
    ] as const) {
      expect((await grace.api.post(`/v1/claims/${claim.id}/reminders`, { message, in: 'PT1S' })).status).toBe(201);
      // One after the other, so that the newest is known.
      await waitFor(async () => (await grace.api.get('/v1/me/notifications?unread=true')).body.items.some((n: { message: string }) => n.message === message), {
        timeoutMs: 15_000,
        what: message,
      });
    }

    const page = await signIn(grace, '/inbox');
    const entries = main(page).getByRole('list', { name: 'Notifications' }).getByRole('listitem');
    await entries.first().getByRole('link', { name: 'Check the expressway traffic count' }).waitFor();
    await entries.nth(1).getByRole('link', { name: 'Ask the county for the clinic budget' }).waitFor();
    await entries.first().getByText('Unread').waitFor();
    await checkScreen(page, 'inbox');
    const unread = (label: string | null) => Number(/Inbox, (\d+) unread/.exec(label ?? '')?.[1] ?? 0);
    const before = unread(await inboxLink(page).getAttribute('aria-label'));
    expect(before).toBeGreaterThanOrEqual(2);

    await entries.nth(1).getByRole('link', { name: 'Ask the county for the clinic budget' }).click();
    await page.waitForURL(new RegExp(`/claims/${first.id}$`));
    await waitFor(async () => unread(await inboxLink(page).getAttribute('aria-label')) === before - 1, { what: 'one fewer unread' });

    await inboxLink(page).click();
    const opened = entries.filter({ has: page.getByRole('link', { name: 'Ask the county for the clinic budget' }) });
    await opened.waitFor();
    expect(await opened.getByText('Unread').count()).toBe(0);
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await waitFor(async () => (await inboxLink(page).getAttribute('aria-label')) === 'Inbox', { what: 'no unread left' });
    await waitFor(async () => (await main(page).getByText('Unread', { exact: true }).count()) === 0, { what: 'no entry marked unread' });
  });

  it('shows the scheduled reminders by day, today, this week and later, and only those of claims assigned to me with Mine', async () => {
    const mine = await createClaim(grace, { text: 'The ministry will publish the audit', kind: 'promise', assigneeId: omar.id });
    const theirs = await createClaim(grace, { text: 'The port will reopen for night shipping', kind: 'promise', assigneeId: grace.id });
    const soon = await omar.api.post(`/v1/claims/${mine.id}/reminders`, { message: 'Look for the audit report', in: 'PT2M' });
    await omar.api.post(`/v1/claims/${mine.id}/reminders`, { message: 'Ask the auditor general', in: 'P3D' });
    await omar.api.post(`/v1/claims/${theirs.id}/reminders`, { message: 'Call the port authority', in: 'P20D' });
    const sameDay = new Date(soon.body.dueAt).toISOString().slice(0, 10) === new Date().toISOString().slice(0, 10);

    const page = await signIn(omar, '/reminders');
    const section = (name: string) => main(page).getByRole('region', { name: new RegExp(`^${name}`) });
    await section(sameDay ? 'Today' : 'This week')
      .getByRole('link', { name: 'Look for the audit report' })
      .waitFor();
    await section('This week').getByRole('link', { name: 'Ask the auditor general' }).waitFor();
    await section('Later').getByRole('link', { name: 'Call the port authority' }).waitFor();
    await section('Later').getByText(`About: ${theirs.text}`).waitFor();
    await checkScreen(page, 'reminders');

    await page.getByLabel('Mine').check();
    await page.waitForURL(/\/reminders\?mine=1$/);
    await main(page).getByRole('link', { name: 'Ask the auditor general' }).waitFor();
    expect(await main(page).getByRole('link', { name: 'Call the port authority' }).count()).toBe(0);
    await main(page).getByRole('link', { name: 'Ask the auditor general' }).click();
    await page.waitForURL(new RegExp(`/claims/${mine.id}$`));
  });

  describe('settings', () => {
    it('changes the profile, makes and replaces the calendar link, makes an API token and revokes another session', async () => {
      const page = await signIn(aisha, '/settings');
      await checkScreen(page, 'settings');
      const profile = page.getByRole('region', { name: 'Profile' });
      await profile.getByLabel('Name').fill('Aisha M. Mohamed');
      await profile.getByLabel('Time zone').selectOption('Africa/Nairobi');
      await profile.getByLabel('Send me the daily digest').uncheck();
      await profile.getByRole('button', { name: 'Save profile' }).click();
      await profile.getByText('Profile saved.').waitFor();
      await page.getByRole('button', { name: 'Aisha M. Mohamed' }).waitFor();
      expect((await aisha.api.get('/v1/me')).body).toMatchObject({ name: 'Aisha M. Mohamed', timezone: 'Africa/Nairobi', digest: false });

      const calendar = page.getByRole('region', { name: 'Calendar' });
      await calendar.getByRole('button', { name: 'Get calendar link' }).click();
      const link = calendar.getByLabel('Calendar link');
      const first = await link.inputValue();
      expect(first).toMatch(new RegExp(`^${desk.url}/cal/.+\\.ics$`));
      expect((await fetch(first)).status).toBe(200);
      await calendar.getByRole('button', { name: 'Copy calendar link' }).waitFor();
      await calendar.getByRole('button', { name: 'Replace link' }).click();
      await waitFor(async () => (await link.inputValue()) !== first, { what: 'a new calendar link' });
      expect((await fetch(first)).status).toBe(404);
      expect((await fetch(await link.inputValue())).status).toBe(200);

      const tokens = page.getByRole('region', { name: 'API tokens' });
      await tokens.getByRole('button', { name: 'Create API token' }).click();
      await page.getByRole('dialog', { name: 'Create API token' }).getByRole('button', { name: 'Create token' }).click();
      const token = await tokens.getByLabel('API token').inputValue();
      expect((await new HttpClient(desk.url).as(token).get('/v1/me')).body.email).toBe(aisha.email);
      // The token the test set up with stopped working: a person holds one.
      expect((await aisha.api.get('/v1/me')).status).toBe(401);
      aisha.api = new HttpClient(desk.url).as(token);

      // A second browser of Aisha's, revoked from the first.
      const other = await signIn(aisha, '/');
      const sessions = page.getByRole('region', { name: 'Sessions' });
      await page.reload();
      await sessions.getByText('this browser').waitFor();
      const revocable = sessions.getByRole('button', { name: 'Revoke' });
      await waitFor(async () => (await revocable.count()) >= 2, { what: 'the other sessions' });
      for (let left = await revocable.count(); left > 0; left--) {
        await revocable.first().click();
        await waitFor(async () => (await revocable.count()) === left - 1, { what: `${left - 1} other sessions` });
      }
      // The revoked browser finds out on its next request, without a reload, and is asked to sign in.
      await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Claims' }).click();
      await other.waitForURL(/\/login\?next=%2Fclaims$/);
      await other.getByLabel('E-mail').waitFor();
    });

    it('invites a person with a link to copy, changes a role, deactivates, and adds a webhook whose dead delivery is retried', async () => {
      const page = await signIn(aisha, '/settings');
      const users = page.getByRole('region', { name: 'Users' });
      await users.getByLabel('Name').fill('Zawadi Njeri');
      await users.getByLabel('E-mail').fill('zawadi@desk.example');
      await users.getByLabel('Role', { exact: true }).selectOption('editor');
      await users.getByRole('button', { name: 'Invite' }).click();
      const invitation = await users.getByLabel('Invitation link').inputValue();
      expect(invitation).toMatch(new RegExp(`^${desk.url}/invite/`));
      await users.getByRole('button', { name: 'Copy invitation link' }).waitFor();
      const code = new URL(invitation).pathname.split('/').pop()!;
      expect((await new HttpClient(desk.url).get(`/v1/auth/invitations/${code}`)).body).toMatchObject({ email: 'zawadi@desk.example', name: 'Zawadi Njeri' });

      await users.getByLabel('Role of Omar Haji').selectOption('editor');
      await waitFor(async () => (await aisha.api.get(`/v1/users/${omar.id}`)).body.role === 'editor', { what: 'Omar an editor' });
      const zawadi = users.getByRole('listitem').filter({ hasText: 'zawadi@desk.example' });
      await zawadi.getByRole('button', { name: 'Deactivate' }).click();
      await zawadi.getByRole('button', { name: 'Reactivate' }).waitFor();
      await zawadi.getByText('Deactivated').waitFor();

      const webhooks = page.getByRole('region', { name: 'Webhooks' });
      await webhooks.getByLabel('URL').fill('https://93.184.216.34/hook');
      await webhooks.getByLabel(/A claim is created/).check();
      await webhooks.getByRole('button', { name: 'Add webhook' }).click();
      const secret = await webhooks.getByLabel('Signing secret').inputValue();
      expect(secret).toMatch(/^whsec_/);
      const listed = (await aisha.api.get('/v1/webhooks')).body.items;
      expect(listed).toHaveLength(1);
      // As if the host now resolved to loopback: the service refuses it at delivery time.
      const db = new Client({ connectionString: desk.db.url });
      await db.connect();
      try {
        await db.query(`UPDATE webhooks SET url = 'http://127.0.0.1:9/hook' WHERE id = $1`, [listed[0].id]);
        await createClaim(grace, { text: 'A claim the webhook hears of' });
        const log = `/v1/webhooks/${listed[0].id}/deliveries`;
        await waitFor(async () => (await aisha.api.get(log)).body.items[0]?.attempts >= 1, { what: 'a first attempt' });
        // As if every attempt had been used up: the delivery is dead.
        await db.query(`UPDATE deliveries SET status = 'dead', next_attempt_at = NULL WHERE channel = 'webhook' AND target = $1`, [listed[0].id]);
      } finally {
        await db.end();
      }

      await webhooks.getByRole('button', { name: 'Show deliveries' }).click();
      const deliveries = webhooks.getByRole('list', { name: 'Deliveries' }).getByRole('listitem');
      await deliveries.first().getByText('Dead').waitFor();
      await deliveries
        .first()
        .getByText(/Last error: .*not allowed/i)
        .waitFor();
      await checkScreen(page, 'settings-admin');
      await deliveries.first().getByRole('button', { name: 'Retry' }).click();
      await waitFor(async () => (await aisha.api.get(`/v1/webhooks/${listed[0].id}/deliveries`)).body.items[0]?.attempts >= 2, { what: 'a second attempt' });
      // Pending again, then tried: no longer dead.
      await deliveries
        .first()
        .getByText(/^(Pending|Failed, will retry)$/)
        .waitFor();
      expect(await deliveries.first().getByRole('button', { name: 'Retry' }).count()).toBe(0);
    });

    it('turns the public tracker on with a title and links to its page', async () => {
      const page = await signIn(aisha, '/settings');
      const workspace = page.getByRole('region', { name: 'Workspace' });
      await workspace.getByLabel('Digest time').fill('07:30');
      await workspace.getByLabel('Escalation').selectOption('P2D');
      await workspace.getByLabel('Public tracker on').check();
      await workspace.getByLabel('Title').fill('Promises, tracked');
      await workspace.getByLabel('Intro').fill('What was promised, and what came of it.');
      await workspace.getByRole('button', { name: 'Save workspace' }).click();
      await workspace.getByText('Workspace saved.').waitFor();
      const settings = (await aisha.api.get('/v1/workspace')).body;
      expect(settings).toMatchObject({
        digestAt: '07:30',
        escalateAfter: 'P2D',
        tracker: { enabled: true, title: 'Promises, tracked', intro: 'What was promised, and what came of it.' },
      });
      const tracker = workspace.getByRole('link', { name: `${desk.url}/t/${settings.slug}` });
      await tracker.waitFor();
      expect((await fetch(`${desk.url}/t/${settings.slug}`)).status).toBe(200);
    });
  });

  it('shows someone who is not an admin their own settings only', async () => {
    const page = await signIn(grace, '/settings');
    await page.getByRole('region', { name: 'Profile' }).waitFor();
    for (const name of ['Users', 'Webhooks', 'Workspace']) expect(await page.getByRole('region', { name }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link').allTextContents()).toEqual([
      'Profile',
      'Sessions',
      'Calendar',
      'API tokens',
    ]);
  });
});
