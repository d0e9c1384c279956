import type { Browser, Locator, Page } from 'playwright-core';
import { hostileCases } from '../support/hostile-markdown';
import { waitFor } from '../support/wait';
import {
  checkScreen,
  createPerson,
  launchChromium,
  seriousViolations,
  signIn as signInAt,
  startDeskService,
  type DeskPerson,
  type DeskService,
} from './desk-browser';

/**
 * The claim page's conversation in Chromium against the real service (docs/desk.md, "The claim page"
 * → Conversation): comments oldest first, `Comment` and `Post comment`, `@` offering the
 * workspace's people, Markdown shown inert, `Resolve`, edit and delete, `Follow` / `Following`,
 * and a mention that reaches the other person's `Inbox` count live.
 */
jest.setTimeout(120_000);

describe('the conversation on a claim, in a browser', () => {
  let desk: DeskService;
  let browser: Browser;
  let grace: DeskPerson;
  let omar: DeskPerson;
  let amina: DeskPerson;
  const problems: string[] = [];
  const pages: Page[] = [];

  async function signIn(person: DeskPerson, path: string): Promise<Page> {
    const page = await signInAt(browser, desk, person, path, problems);
    pages.push(page);
    return page;
  }

  async function createClaim(by: DeskPerson, text: string): Promise<string> {
    const created = await by.api.post('/v1/claims', { text, kind: 'statement', claimant: { name: 'Miriam Achola' } });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const conversation = (page: Page): Locator => page.getByRole('region', { name: 'Conversation' });
  const comments = (page: Page): Locator => conversation(page).getByRole('list', { name: 'Comments' }).getByRole('article');
  const comment = (page: Page, text: string): Locator => comments(page).filter({ hasText: text });

  beforeAll(async () => {
    desk = await startDeskService();
    browser = await launchChromium();
    grace = await createPerson(desk, 'Grace Wanjiru', 'editor');
    omar = await createPerson(desk, 'Omar Haji', 'checker');
    amina = await createPerson(desk, 'Amina Said', 'checker');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
    expect(problems.splice(0)).toEqual([]);
  });

  it('posts a comment mentioning the editor, chosen from the people offered after @; her Inbox count and open page change without a reload', async () => {
    const claimId = await createClaim(amina, 'The county built 1,200 classrooms in 2025.');
    const graces = await signIn(grace, `/claims/${claimId}`);
    await conversation(graces).getByText('No comments yet.').waitFor();
    const inbox = graces.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ });
    expect(await inbox.getAttribute('aria-label')).toBe('Inbox');

    const page = await signIn(omar, `/claims/${claimId}`);
    expect(await page.getByRole('button', { name: 'Follow', exact: true }).getAttribute('aria-pressed')).toBe('false');
    const field = conversation(page).getByRole('textbox', { name: 'Comment' });
    await field.click();
    await field.pressSequentially('Table 4 says 1,020. @gr');
    const offered = page.getByRole('listbox', { name: 'People to mention' });
    await offered.getByRole('option').first().waitFor();
    expect(await offered.getByRole('option').allTextContents()).toEqual([expect.stringContaining('Grace Wanjiru')]);
    // The text area keeps the focus and points at the list the keys move through.
    expect(await field.getAttribute('aria-controls')).toBe(await offered.getAttribute('id'));
    await field.press('Enter');
    await offered.waitFor({ state: 'detached' });
    await field.pressSequentially('can you check the **supplementary** estimates?');
    expect(await field.inputValue()).toBe('Table 4 says 1,020. @[Grace Wanjiru] can you check the **supplementary** estimates?');

    // Escape closes the list for the mention being typed; the text stays as typed.
    await field.pressSequentially(' cc @am');
    await offered.waitFor();
    await field.press('Escape');
    await offered.waitFor({ state: 'detached' });
    await field.press('Backspace');
    await field.press('Backspace');
    await field.press('Backspace');

    await conversation(page).getByRole('button', { name: 'Post comment' }).click();
    const posted = comment(page, 'Table 4 says 1,020.');
    await posted.waitFor();
    expect(await field.inputValue()).toBe('');
    expect(await posted.locator('.mention').allTextContents()).toEqual(['@Grace Wanjiru']);
    expect(await posted.locator('strong').allTextContents()).toEqual(['supplementary']);
    // Commenting makes Omar a follower.
    expect(await page.getByRole('button', { name: 'Following', exact: true }).getAttribute('aria-pressed')).toBe('true');

    // Grace: the mention and the comment arrive live, no reload.
    await graces.getByRole('link', { name: 'Inbox, 1 unread' }).waitFor({ timeout: 5_000 });
    await comment(graces, 'Table 4 says 1,020.').waitFor({ timeout: 5_000 });
    const stored = await omar.api.get(`/v1/claims/${claimId}/comments`);
    expect(stored.body.items.map((c: { mentions: Array<{ name: string }> }) => c.mentions.map((m) => m.name))).toEqual([['Grace Wanjiru']]);

    // A comment deleted by its author leaves Grace's page live too.
    await omar.api.post(`/v1/claims/${claimId}/comments`, { body: 'A second thought.' });
    await comment(graces, 'A second thought.').waitFor();
    expect(await comments(graces).allTextContents()).toEqual([expect.stringContaining('Table 4 says'), expect.stringContaining('A second thought.')]);
    await comment(page, 'A second thought.').getByRole('button', { name: 'Delete comment' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this comment?' });
    await confirm.getByRole('button', { name: 'Delete comment' }).click();
    await comment(graces, 'A second thought.').waitFor({ state: 'detached' });
    await checkScreen(page, 'claim-conversation');
  });

  it('shows every hostile body of the corpus inert: no dialog, no script, no handler, no dangerous URL, no request away', async () => {
    const claimId = await createClaim(grace, 'The ministry spent Ksh 2.1 billion on roads.');
    const cases = hostileCases().filter((c) => c.status === 201);
    for (const c of cases) expect((await grace.api.post(`/v1/claims/${claimId}/comments`, { body: c.body })).status).toBe(201);

    const page = await signIn(omar, '/');
    const dialogs: string[] = [];
    const away: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (/^https?:/.test(request.url()) && !request.url().startsWith(desk.url)) away.push(request.url());
    });
    await page.goto(`/claims/${claimId}`);
    await comments(page)
      .nth(cases.length - 1)
      .waitFor();

    // One more, typed into the page itself.
    const field = conversation(page).getByRole('textbox', { name: 'Comment' });
    await field.fill("Look: <img src=x onerror=\"alert('typed')\"> [here](javascript:alert('typed-link'))");
    await conversation(page).getByRole('button', { name: 'Post comment' }).click();
    await comments(page).nth(cases.length).waitFor();
    await page.waitForTimeout(500);

    // Inside the rendered comments (the field and its form around them are the desk's own).
    const found = await conversation(page).evaluate((section) => {
      const bad: string[] = [];
      for (const element of section.querySelectorAll('.comment-body *')) {
        if (
          /^(script|style|iframe|frame|object|embed|img|svg|math|form|input|button|base|meta|link|template|noscript|details|video|audio)$/i.test(
            element.tagName,
          )
        )
          bad.push(`<${element.tagName.toLowerCase()}>`);
        for (const { name, value } of element.attributes) {
          if (/^on/i.test(name)) bad.push(`${element.tagName} ${name}`);
          if (/^(href|src|action|formaction|srcdoc|data|xlink:href)$/i.test(name) && !/^(https?:|mailto:)/i.test(value))
            bad.push(`${element.tagName} ${name}=${value}`);
        }
      }
      const links = [...section.querySelectorAll('.comment-body a')].map((a) => [a.getAttribute('href'), a.getAttribute('rel')]);
      return { bad, links, scripts: section.ownerDocument.scripts.length, bodies: section.querySelectorAll('.comment-body').length };
    });
    expect(found.bad).toEqual([]);
    expect(found.bodies).toBe(cases.length + 1);
    for (const [, rel] of found.links) expect(rel).toBe('noopener noreferrer');
    // The desk's own module script, and nothing the comments brought.
    expect(found.scripts).toBe(1);
    expect(dialogs).toEqual([]);
    expect(away).toEqual([]);
    // The markup is shown as the text it was written as.
    await comment(page, 'Look:').getByText('<img src=x onerror="alert(\'typed\')">', { exact: false }).waitFor();
  });

  it('resolves a comment and reopens it; its author edits it; an admin deletes it; the timeline tells', async () => {
    const claimId = await createClaim(grace, 'Unemployment fell to 5.6% last quarter.');
    await omar.api.post(`/v1/claims/${claimId}/comments`, { body: 'The survey says 5.9%.' });
    const page = await signIn(grace, `/claims/${claimId}`);
    const item = comment(page, 'The survey says 5.9%.');
    await item.waitFor();
    // Not hers: Grace (an editor) may resolve it, but neither edit nor delete it.
    expect(await item.getByRole('button', { name: 'Edit comment' }).count()).toBe(0);
    expect(await item.getByRole('button', { name: 'Delete comment' }).count()).toBe(0);

    await item.getByRole('button', { name: 'Resolve', exact: true }).click();
    await item.getByText('Resolved', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByText('Resolved a comment').waitFor();
    const resolved = await grace.api.get(`/v1/claims/${claimId}/comments`);
    expect(resolved.body.items[0].resolvedAt).toEqual(expect.any(String));
    await item.getByRole('button', { name: 'Mark unresolved' }).click();
    await item.getByRole('button', { name: 'Resolve', exact: true }).waitFor();
    expect((await grace.api.get(`/v1/claims/${claimId}/comments`)).body.items[0].resolvedAt).toBeNull();

    // Omar edits his own comment in place.
    const omars = await signIn(omar, `/claims/${claimId}`);
    // His only comment (while it is edited, its text is in the field, not in the article's text).
    const his = comments(omars).first();
    await his.getByText('The survey says 5.9%.').waitFor();
    await his.getByRole('button', { name: 'Edit comment' }).click();
    const editField = his.getByRole('textbox', { name: 'Edit comment' });
    await editField.fill('The survey says 5.9% (table 2).');
    await his.getByRole('button', { name: 'Save comment' }).click();
    await comment(omars, 'table 2').getByText('edited').waitFor();
    // (Edits and resolutions are not live events: Grace's page shows the edit when it next reads the claim.)
    await page.reload();
    await comment(page, 'table 2').waitFor();

    // An admin may delete anyone's comment, but edit none but their own.
    const admin = await createPerson(desk, 'Wanjiku Admin', 'admin');
    const admins = await signIn(admin, `/claims/${claimId}`);
    const seen = comment(admins, 'table 2');
    await seen.waitFor();
    expect(await seen.getByRole('button', { name: 'Edit comment' }).count()).toBe(0);
    await seen.getByRole('button', { name: 'Delete comment' }).click();
    await admins.getByRole('dialog', { name: 'Delete this comment?' }).getByRole('button', { name: 'Delete comment' }).click();
    await seen.waitFor({ state: 'detached' });
    await conversation(admins).getByText('No comments yet.').waitFor();
    expect((await grace.api.get(`/v1/claims/${claimId}/comments`)).body.items).toEqual([]);
  });

  it('follows and stops following a claim with the Follow toggle in its header', async () => {
    const claimId = await createClaim(grace, 'The new hospital has 300 beds.');
    const page = await signIn(amina, `/claims/${claimId}`);
    const header = page.locator('header.claim-header');
    const follow = header.getByRole('button', { name: 'Follow', exact: true });
    expect(await follow.getAttribute('aria-pressed')).toBe('false');
    // The toggle shows the new state at once; the API's answer follows.
    const answered = (method: string) => page.waitForResponse((r) => r.url().endsWith(`/v1/claims/${claimId}/following`) && r.request().method() === method);
    await Promise.all([answered('PUT'), follow.click()]);
    const following = header.getByRole('button', { name: 'Following', exact: true });
    expect(await following.getAttribute('aria-pressed')).toBe('true');
    expect((await amina.api.get(`/v1/claims/${claimId}`)).body.following).toBe(true);

    await page.reload();
    await following.waitFor();
    // By keyboard: Space on the focused toggle.
    await following.focus();
    await Promise.all([answered('DELETE'), page.keyboard.press('Space')]);
    await follow.waitFor();
    expect(await follow.getAttribute('aria-pressed')).toBe('false');
    expect((await amina.api.get(`/v1/claims/${claimId}`)).body.following).toBe(false);
  });

  it('has no serious or critical accessibility violation with the list of people open', async () => {
    const claimId = await createClaim(grace, 'Fuel prices dropped by 10 shillings.');
    await omar.api.post(`/v1/claims/${claimId}/comments`, { body: '## Sources\n\n- [EPRA](https://www.epra.go.ke/) table\n- `code` and > a quote' });
    const page = await signIn(grace, `/claims/${claimId}`);
    await comment(page, 'Sources').waitFor();
    const field = conversation(page).getByRole('textbox', { name: 'Comment' });
    await field.click();
    await field.pressSequentially('@');
    const offered = page.getByRole('listbox', { name: 'People to mention' });
    await offered.waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // By keyboard: the first person is active as one types; ArrowDown moves on, Enter chooses.
    const names = await offered.getByRole('option').allTextContents();
    expect(names[0]).toContain('Amina Said');
    const omarAt = names.findIndex((name) => name.includes('Omar Haji'));
    expect(omarAt).toBeGreaterThan(0);
    const activeName = async () => {
      const id = await field.getAttribute('aria-activedescendant');
      return id ? page.locator(`[id="${id}"]`).textContent() : null;
    };
    await waitFor(async () => (await activeName())?.includes('Amina Said'), { what: 'Amina Said active' });
    for (let i = 0; i < omarAt; i++) await field.press('ArrowDown');
    await waitFor(async () => (await activeName())?.includes('Omar Haji'), { what: 'Omar Haji active' });
    await field.press('Enter');
    expect(await field.inputValue()).toBe('@[Omar Haji] ');
  });
});
