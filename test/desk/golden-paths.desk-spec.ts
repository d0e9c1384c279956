import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { waitFor } from '../support/wait';
import { join } from 'node:path';
import {
  axeLog,
  checkScreen,
  createPerson,
  createUser,
  headerLayout,
  launchChromium,
  PASSWORD,
  personContext,
  seriousViolations,
  signInOn,
  startDeskService,
  watchProblems,
  type DeskPerson,
  type DeskService,
} from './desk-browser';

/**
 * The desk's golden paths in a real Chromium against the real service (PostgreSQL, Redis, the
 * API and its workers, a fresh database), by the accessible names of docs/desk.md ("Screens",
 * "The board", "The claim page"), the way a screen reader finds them. axe-core checks every
 * screen at 360 and 1,440 px, and the run leaves a screenshot of each in docs/screenshots/.
 */

jest.setTimeout(120_000);

describe('the desk in a browser', () => {
  let desk: DeskService;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page };
  let checker: DeskPerson;
  let grace: DeskPerson;
  let omar: DeskPerson;
  const problems: string[] = [];

  async function open(width = 1440): Promise<{ context: BrowserContext; page: Page }> {
    const context = await personContext(browser, desk.url, width);
    const page = await context.newPage();
    problems.push(...watchProblems(page));
    return { context, page };
  }

  async function signIn(person: DeskPerson, path = '/'): Promise<{ context: BrowserContext; page: Page }> {
    const session = await open();
    await signInOn(session.page, person, path);
    return session;
  }

  async function createClaim(by: DeskPerson, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
    const created = await by.api.post('/v1/claims', { kind: 'statement', claimant: { name: "Korir Sing'Oei", affiliation: 'Foreign Affairs' }, ...body });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function transition(by: DeskPerson, claimId: string, body: Record<string, unknown>): Promise<void> {
    const current = await by.api.get(`/v1/claims/${claimId}`);
    const moved = await by.api.request('POST', `/v1/claims/${claimId}/transitions`, { body, headers: { 'if-match': `"${current.body.version}"` } });
    expect([moved.status, moved.text]).toEqual([200, expect.any(String)]);
  }

  /** Holds the page's next transition request until the function returned is called; `ifMatch` replaces the version it sends. */
  const holdNextTransition = async (page: Page, ifMatch?: string): Promise<() => void> => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      '**/v1/claims/*/transitions',
      async (route) => {
        await held;
        await route.continue(ifMatch ? { headers: { ...route.request().headers(), 'if-match': ifMatch } } : undefined);
      },
      { times: 1 },
    );
    return () => release();
  };

  const card = (page: Page, column: string, text: string): Locator =>
    page
      .getByRole('region', { name: column })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: new RegExp(`^${text}`) }) });

  beforeAll(async () => {
    desk = await startDeskService();
    browser = await launchChromium();
    checker = await createUser(desk, 'Chebet Kiprono', 'checker'); // their password is set on the invitation screen
    grace = await createPerson(desk, 'Grace Wanjiru', 'editor');
    omar = await createPerson(desk, 'Omar Haji', 'editor');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    // For the report: every screen axe looked at, and what it found.
    process.stdout.write(`axe (serious or critical violations): ${axeLog.map((a) => `${a.screen}@${a.width}=${a.serious}`).join(', ')}\n`);
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('signs the instance admin in with the token, back to the address first asked for', async () => {
    admin = await open();
    const { page } = admin;
    await page.goto('/claims?kind=promise');
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('E-mail').waitFor();
    await checkScreen(page, 'login');

    await page.getByLabel('E-mail').fill('nobody@desk.example');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('E-mail or password is wrong.').waitFor();

    await page.getByRole('button', { name: 'Use an API token' }).click();
    await page.getByLabel('API token').fill(desk.adminToken);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.waitForURL(/\/claims\?kind=promise$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Board', 'Claims', 'Sources', 'Reminders', 'Inbox', 'Settings']) await nav.getByRole('link', { name, exact: true }).waitFor();
    await page.getByText('default', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Instance admin' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await page.keyboard.press('Escape');
    // No token is ever kept in the browser: the session is an HttpOnly cookie.
    const storage = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie');
    expect(storage).not.toContain(desk.adminToken);
    expect(storage).not.toContain('claimtrack_session');
  });

  it('offers a new password for a reset link, and says when the link is spent', async () => {
    const { page, context } = await open();
    await page.goto('/reset/not-a-real-code');
    await page.getByLabel('Password').waitFor();
    await checkScreen(page, 'reset');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /expired or was used already/ })
      .waitFor();
    await context.close();
  });

  it('lets an invited checker join through the invitation and lands on the board', async () => {
    await createClaim(grace, {
      text: 'Kenya has spent Ksh 2.1 billion on the Haiti mission',
      dueAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      priority: 'high',
    });
    await createClaim(grace, { text: 'The mission rests on a UN Security Council resolution', tags: ['haiti'] });
    const invitation = await desk.admin.post(`/v1/users/${checker.id}/invitations`);
    expect(invitation.status).toBe(201);

    const { page } = await open();
    await page.goto(new URL(invitation.body.url).pathname);
    await page.getByRole('heading', { name: 'Join default' }).waitFor();
    await page.getByText(checker.email).waitFor();
    await checkScreen(page, 'invite');
    await page.getByLabel('Name').fill(checker.name);
    // A password the API refuses is said in words, and the form can be sent again once mended.
    await page.getByLabel('Password').fill('password1234');
    await page.getByRole('button', { name: 'Join' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /password/i })
      .waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('region', { name: 'Submitted' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const regions = await page.getByRole('region').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-labelledby')));
    expect(regions).toEqual(['column-submitted', 'column-in_research', 'column-monitoring', 'column-in_review', 'column-published', 'column-rejected']);
    const overdue = card(page, 'Submitted', 'Kenya has spent');
    await overdue.getByText('Overdue 2 days').waitFor();
    await page.getByRole('button', { name: checker.name }).waitFor();
    await checkScreen(page, 'board');
    await page.context().close();
  });

  it('moves claims on the board by the Move to… menu, by drag and drop, live, and rolls a refused move back with the reason', async () => {
    const { page, context } = await signIn(checker);
    const text = 'The mission rests on a UN Security Council resolution';
    // Keyboard: the card's own Move to… button opens a menu of the allowed moves only.
    // Space opens it with the focus on its first item, even when that is its only one.
    await card(page, 'Submitted', text).getByRole('button', { name: 'Move to…' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('menuitem').first().waitFor();
    const items = await page.getByRole('menuitem').allTextContents();
    expect(items).toEqual(['In research']);
    await waitFor(
      async () => (await page.getByRole('menuitem', { name: 'In research' }).evaluate((item) => item === item.ownerDocument.activeElement)) === true,
      {
        what: 'focus on the first item',
      },
    );
    expect(await seriousViolations(page)).toEqual([]); // the open menu too
    // This first move is held back until the next one has been made, so that the next one is made
    // while this is on its way: it must wait for it and go with the version it returns (not be
    // refused as changed by someone else).
    const release = await holdNextTransition(page);
    await page.keyboard.press('Enter');
    await card(page, 'In research', text).waitFor();
    // The focus goes with the card to its new column, on its own Move to… button.
    const moveButton = card(page, 'In research', text).getByRole('button', { name: 'Move to…' });
    await waitFor(async () => (await moveButton.evaluate((button) => button === button.ownerDocument.activeElement)) === true, {
      what: 'focus on the moved card',
    });

    // A move the guard refuses (no evidence yet): the dialog asks for the verdict, the card
    // moves at once, then comes back with the refusal in words.
    await card(page, 'In research', text).getByRole('button', { name: 'Move to…' }).click();
    await page.getByRole('menuitem', { name: 'In review' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send to review' });
    await dialog.getByLabel('Rating').selectOption({ label: 'Mostly true' });
    await dialog.getByLabel('Summary').fill('Resolution 2699 was adopted 13-0.');
    await dialog.getByRole('button', { name: 'Send to review' }).click();
    release();
    await card(page, 'In research', text)
      .getByRole('alert')
      .filter({ hasText: /add at least one evidence item/i })
      .waitFor();

    // Drag and drop: Submitted → In research.
    const dragged = card(page, 'Submitted', 'Kenya has spent');
    const from = (await dragged.getByRole('link').boundingBox())!;
    const to = (await page.getByRole('region', { name: 'In research' }).boundingBox())!;
    await page.mouse.move(from.x + 20, from.y + 10);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + 20, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 8 });
    await page.mouse.up();
    await card(page, 'In research', 'Kenya has spent').waitFor();

    // Filters live in the address.
    await page.getByLabel('Mine').check();
    await page.waitForURL(/\?mine=1$/);
    await page.getByLabel('Mine').uncheck();

    // Another person's change appears without a reload.
    const live = await createClaim(grace, { text: 'A new resolution will move the mission to UN peacekeeping', kind: 'promise' });
    await card(page, 'Submitted', 'A new resolution will move').waitFor();
    await transition(grace, live.id, { to: 'in_research' });
    await card(page, 'In research', 'A new resolution will move').waitFor();
    await context.close();
  });

  it('drops a move made on top of one the API then refuses, and says why once', async () => {
    const claim = await createClaim(grace, { text: 'Haiti will receive a second contingent before the rainy season' });
    const { page, context } = await signIn(checker);
    const text = 'Haiti will receive a second contingent';
    let sent = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/v1/claims/${claim.id}/transitions`)) sent += 1;
    });
    // The first move is held back, then sent with a version the claim no longer has, as if
    // someone else had changed it meanwhile: the API refuses it (412).
    const release = await holdNextTransition(page, '"999"');
    await card(page, 'Submitted', text).getByRole('button', { name: 'Move to…' }).click();
    await page.getByRole('menuitem', { name: 'In research' }).click();
    // A second move on top of it, made before the first is answered.
    await card(page, 'In research', text).getByRole('button', { name: 'Move to…' }).click();
    await page.getByRole('menuitem', { name: 'In review' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send to review' });
    await dialog.getByLabel('Rating').selectOption({ label: 'False' });
    await dialog.getByLabel('Summary').fill('No second contingent has been announced.');
    await dialog.getByRole('button', { name: 'Send to review' }).click();
    await card(page, 'In review', text).waitFor();
    release();

    // The card goes back where it was, the refusal said once beside it; the second move is not sent.
    await card(page, 'Submitted', text)
      .getByRole('alert')
      .filter({ hasText: /changed by someone else/i })
      .waitFor();
    await waitFor(async () => (await card(page, 'In review', text).count()) + (await card(page, 'In research', text).count()) === 0, {
      what: 'the card only in Submitted',
    });
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /changed by someone else/i })
        .count(),
    ).toBe(1);
    expect(sent).toBe(1);
    const after = await grace.api.get(`/v1/claims/${claim.id}`);
    expect([after.body.status, after.body.version]).toEqual(['submitted', claim.version]);
    await context.close();
  });

  it('takes a claim from research to publication: evidence, verdict, four eyes, ClaimReview', async () => {
    const claim = await createClaim(grace, { text: 'Kenya deployed 400 police officers in the first contingent' });
    const checkerSession = await signIn(checker, `/claims/${claim.id}`);
    let page = checkerSession.page;
    await page.getByRole('heading', { level: 1, name: 'Kenya deployed 400 police officers in the first contingent' }).waitFor();
    await checkScreen(page, 'claim');
    await page.getByRole('button', { name: 'Start research' }).click();
    await page.getByRole('button', { name: 'Send to review' }).waitFor();

    await page.getByRole('button', { name: 'Add evidence' }).click();
    const evidence = page.getByRole('dialog', { name: 'Add evidence' });
    await evidence.getByLabel('Description').fill('Interior ministry statement of 25 June 2024: 400 officers flown to Port-au-Prince');
    await evidence.getByLabel('URL').fill('https://www.interior.go.ke/press/haiti');
    await evidence.getByLabel('Stance').selectOption({ label: 'Supports' });
    await evidence.getByRole('button', { name: 'Save evidence' }).click();
    await page.getByRole('region', { name: 'Evidence' }).getByText('Supports').waitFor();

    await page.getByRole('button', { name: 'Send to review' }).click();
    const review = page.getByRole('dialog', { name: 'Send to review' });
    await review.getByLabel('Rating').waitFor();
    const ratings = await review.getByLabel('Rating').locator('option').allTextContents();
    expect(ratings).toEqual(['True', 'Mostly true', 'Half true', 'Mostly false', 'False', 'Misleading', 'Unproven']);
    await review.getByLabel('Rating').selectOption({ label: 'True' });
    await review.getByLabel('Summary').fill('The ministry and the UN both count 400 officers.');
    await checkScreen(page, 'claim-dialog');
    await review.getByRole('button', { name: 'Send to review' }).click();
    await page.getByRole('region', { name: 'Timeline' }).getByText('Moved from In research to In review').waitFor();
    // A checker may not publish: the button is not there at all.
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);

    // Four eyes: the editor who proposes a verdict sees why they cannot publish it.
    const second = await createClaim(grace, { text: 'The trust fund has received USD 110 million in pledges' });
    await transition(grace, second.id, { to: 'in_research' });
    await grace.api.post(`/v1/claims/${second.id}/evidence`, { description: 'UN trust fund report, May 2025', stance: 'supports' });
    const graceSession = await signIn(grace, `/claims/${second.id}`);
    page = graceSession.page;
    await page.getByRole('button', { name: 'Send to review' }).click();
    const graceReview = page.getByRole('dialog', { name: 'Send to review' });
    await graceReview.getByLabel('Rating').selectOption({ label: 'Mostly true' });
    await graceReview.getByLabel('Summary').fill('Pledged, not all received.');
    await graceReview.getByRole('button', { name: 'Send to review' }).click();
    const publish = page.getByRole('button', { name: 'Publish' });
    await waitFor(() => publish.isDisabled(), { what: 'Publish disabled for the proposer' });
    const reason = await publish.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${reason}"]`).textContent()).toBe('You proposed this verdict: another editor publishes it');

    // Another editor publishes both, with the review's address for one.
    const omarSession = await signIn(omar, `/claims/${claim.id}`);
    page = omarSession.page;
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish' });
    await dialog.getByLabel('Review URL').fill('https://factcheck.example/kenya-400-officers');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    const claimReview = page.getByRole('region', { name: 'ClaimReview' });
    await claimReview.getByText('"@type": "ClaimReview"').waitFor();
    await claimReview.getByRole('button', { name: 'Copy' }).waitFor();
    await page
      .getByRole('region', { name: 'Evidence' })
      .getByText(/locked while the claim is published/)
      .waitFor();
    await checkScreen(page, 'claim-published');

    // The proposer's open page follows, live.
    await checkerSession.page.getByRole('region', { name: 'Timeline' }).getByText('Moved from In review to Published').waitFor();
    await page.goto(`/claims/${second.id}`);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('dialog', { name: 'Publish' }).getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('region', { name: 'ClaimReview' }).waitFor();
    for (const session of [checkerSession, graceSession, omarSession]) await session.context.close();
  });

  it('monitors a promise: the follow-up fires and the Inbox count changes without a reload', async () => {
    const promise = await createClaim(grace, { text: 'The money Kenya spent will be reimbursed to Kenya', kind: 'promise' });
    await transition(checker, promise.id, { to: 'in_research' });
    const { page, context } = await signIn(checker, `/claims/${promise.id}`);
    const inbox = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ });
    const before = (await inbox.getAttribute('aria-label')) ?? '';
    const unread = (label: string) => Number(/Inbox, (\d+) unread/.exec(label)?.[1] ?? 0);

    await page.getByRole('button', { name: 'Monitor' }).click();
    const dialog = page.getByRole('dialog', { name: 'Monitor' });
    const soon = new Date(Date.now() + 4_000);
    await dialog.getByLabel('Follow-up date').fill(soon.toISOString().slice(0, 19));
    await dialog.getByRole('button', { name: 'Monitor' }).click();
    await page.getByRole('button', { name: 'Resume research' }).waitFor();
    await page.getByRole('region', { name: 'Reminders' }).getByText('Follow-up').waitFor();

    const reloads: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && reloads.push(frame.url()));
    const expected = `Inbox, ${unread(before) + 1} unread`;
    await waitFor(async () => (await inbox.getAttribute('aria-label')) === expected, { timeoutMs: 20_000, what: expected });
    // No live event says a reminder fired: the page reads its reminders again once one is due.
    await page
      .getByRole('region', { name: 'Reminders' })
      .getByText(/^Done · fired 1×/)
      .waitFor({ timeout: 10_000 });
    expect(reloads).toEqual([]);
    await context.close();
  });

  it('refuses a stale edit, shows what changed, and saves after Reload', async () => {
    const claim = await createClaim(grace, { text: 'The mission fits the incoming US administration’s immigration policy', kind: 'opinion' });
    const { page, context } = await signIn(checker, `/claims/${claim.id}`);
    await page.getByRole('button', { name: 'Edit claimant' }).click();
    await page.getByLabel('Claimant', { exact: true }).fill('Korir Sing’Oei (PS)');
    // Meanwhile someone else changes the claim.
    const current = await grace.api.get(`/v1/claims/${claim.id}`);
    const patched = await grace.api.request('PATCH', `/v1/claims/${claim.id}`, {
      body: { priority: 'urgent' },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(patched.status).toBe(200);
    // The live update shows the new priority but leaves the field being edited alone.
    await page.getByText('Urgent').waitFor();
    expect(await page.getByLabel('Claimant', { exact: true }).inputValue()).toBe('Korir Sing’Oei (PS)');

    await page.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'changed by someone else' });
    await conflict.getByText('priority is now Urgent').waitFor();
    await checkScreen(page, 'claim-conflict');
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await conflict.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Korir Sing’Oei (PS)').waitFor();
    expect((await grace.api.get(`/v1/claims/${claim.id}`)).body.claimant.name).toBe('Korir Sing’Oei (PS)');
    await context.close();
  });

  it('works by keyboard alone: sign in, open a claim, start research, add evidence', async () => {
    const claim = await createClaim(grace, { text: 'Kenya keyboard claim about the Haiti mission budget' });
    const { page, context } = await open();
    await page.goto('/login');
    const tabTo = async (locator: Locator, limit = 80) => {
      for (let i = 0; i < limit; i++) {
        if (await locator.evaluate((node) => node === node.ownerDocument.activeElement).catch(() => false)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${locator.toString()}`);
    };
    await tabTo(page.getByLabel('E-mail'));
    await page.keyboard.type(checker.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    const link = page.getByRole('region', { name: 'Submitted' }).getByRole('link', { name: /^Kenya keyboard claim/ });
    await link.waitFor();
    await tabTo(link);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Kenya keyboard claim about the Haiti mission budget' }).waitFor();
    await tabTo(page.getByRole('button', { name: 'Start research' }));
    await page.keyboard.press('Enter');
    const addEvidence = page.getByRole('button', { name: 'Add evidence' });
    await page.getByRole('button', { name: 'Send to review' }).waitFor();
    await tabTo(addEvidence);
    await page.keyboard.press('Enter');
    // Focus moves into the dialog, on its first field.
    await page.keyboard.type('Budget estimates 2024/25, vote 1021');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // Stance: Refutes
    await tabTo(page.getByRole('button', { name: 'Save evidence' }));
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Evidence' }).getByText('Refutes').waitFor();
    // Focus came back out of the dialog, onto the page.
    expect(await page.evaluate<boolean>('document.activeElement?.closest(\'[role="dialog"]\') === null')).toBe(true);
    expect((await grace.api.get(`/v1/claims/${claim.id}`)).body.status).toBe('in_research');
    await context.close();
  });

  it('keeps the header to one line on a phone, the navigation folded behind Menu', async () => {
    const { page, context } = await signIn(grace, '/');
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await headerLayout(page)).toEqual({ lines: 1, overflows: false });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: grace.name }).waitFor();
    const menu = page.getByRole('button', { name: /^Menu/ });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    // Every name of docs/desk.md, the Inbox link's unread count included.
    for (const name of ['Board', 'Claims', 'Sources', 'Reminders', 'Settings']) await nav.getByRole('link', { name, exact: true }).waitFor();
    await nav.getByRole('link', { name: /^Inbox(, \d+\+? unread)?$/ }).waitFor();
    await page.screenshot({ path: join(__dirname, '..', '..', 'docs', 'screenshots', 'menu-360.png') });
    // From a link in the panel, Escape folds it and focus goes back to Menu.
    await nav.getByRole('link', { name: 'Sources', exact: true }).focus();
    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    expect(await menu.evaluate((node) => node === node.ownerDocument.activeElement)).toBe(true);
    await menu.click();
    await nav.getByRole('link', { name: 'Claims', exact: true }).click();
    await page.waitForURL(/\/claims$/);
    await nav.waitFor({ state: 'hidden' });
    expect(await headerLayout(page)).toEqual({ lines: 1, overflows: false });
    // One line at every width; from 760 px the links are in the header itself, and there is no Menu.
    for (const width of [600, 759, 760, 800, 900, 1024, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      expect({ width, header: await headerLayout(page) }).toEqual({ width, header: { lines: 1, overflows: false } });
      const linksShown = await nav.getByRole('link', { name: 'Board', exact: true }).isVisible();
      expect({ width, linksShown, menuShown: await menu.isVisible() }).toEqual({ width, linksShown: width >= 760, menuShown: width < 760 });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await nav.getByRole('link', { name: 'Board', exact: true }).waitFor();
    expect(await menu.isVisible()).toBe(false);
    await context.close();
  });

  // Last: its 55 new claims would push the other tests' claims off the first page of Submitted.
  it('loads a column past its first 50 claims with Load more, and counts what it shows', async () => {
    for (let i = 0; i < 55; i++) await createClaim(grace, { text: `Budget line ${String(i).padStart(2, '0')} was spent as planned`, tags: ['overflow'] });
    const { page, context } = await signIn(checker, '/?tag=overflow');
    const submitted = page.getByRole('region', { name: 'Submitted' });
    const cards = submitted.getByRole('list').first().getByRole('listitem');
    // Newest first: the 50 newest on the first page, the five oldest behind Load more.
    await submitted.getByRole('link', { name: /^Budget line 54/ }).waitFor();
    expect(await cards.count()).toBe(50);
    expect(await submitted.locator('.column-count').textContent()).toBe('50+ claims shown, more to load');
    expect(await submitted.getByRole('link', { name: /^Budget line 00/ }).count()).toBe(0);

    await submitted.getByRole('button', { name: 'Load more' }).click();
    await submitted.getByRole('link', { name: /^Budget line 00/ }).waitFor();
    expect(await cards.count()).toBe(55);
    expect(await submitted.locator('.column-count').textContent()).toBe('55 claims');
    expect(await submitted.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    const shown = await cards.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(new Set(shown).size).toBe(55);

    // A change elsewhere (live) reads the column again: all 55 stay, and the moved claim leaves.
    const moved = (await grace.api.get('/v1/claims?tag=overflow&status=submitted&limit=1')).body.items[0];
    await grace.api.request('POST', `/v1/claims/${moved.id}/transitions`, { body: { to: 'in_research' }, headers: { 'if-match': `"${moved.version}"` } });
    await page
      .getByRole('region', { name: 'In research' })
      .getByRole('link', { name: new RegExp(`^${moved.text}`) })
      .waitFor();
    await waitFor(async () => (await cards.count()) === 54, { what: 'the 54 claims left in Submitted' });
    expect(await submitted.locator('.column-count').textContent()).toBe('54 claims');
    await context.close();
  });
});
