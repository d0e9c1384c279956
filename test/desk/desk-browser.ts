import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { HttpClient } from '../support/http';
import { ServiceProcess } from '../support/service-process';
import { TEST_REDIS_URL } from '../support/services';
import { waitFor } from '../support/wait';
import { freePort } from '../support/ports';

/** Debian's Chromium (docs/architecture.md, "Tests"): Playwright cannot download a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

export interface DeskService {
  url: string;
  adminToken: string;
  admin: HttpClient;
  db: TestDatabase;
  service: ServiceProcess;
  stop(): Promise<void>;
}

/**
 * The built service as `npm start` runs it (API and workers in one process, APP_ROLE=all) on a
 * fresh database copied from the migrated template, with PUBLIC_URL set to the address the
 * browser uses, so that the desk's cookie-carried writes pass the same-origin rule.
 */
export async function startDeskService(): Promise<DeskService> {
  const db = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const adminToken = `admin-${randomBytes(16).toString('hex')}`;
  const service = new ServiceProcess({
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    PORT: String(port),
    ADMIN_TOKEN: adminToken,
    PUBLIC_URL: url,
    QUEUE_PREFIX: `d${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const http = new HttpClient(url);
  // A loaded machine may take a while to start it; a service that exits says why at once.
  let exited: string | null = null;
  void service.exited().then(({ code, signal }) => (exited = `exited (${code ?? signal}): ${service.stderr.slice(-600)} ${service.stdout.slice(-600)}`));
  await waitFor(
    async () => {
      if (exited) throw new Error(exited);
      return (await http.get('/health')).status === 200;
    },
    { timeoutMs: 90_000, intervalMs: 250, what: `the service at ${url}` },
  );
  return {
    url,
    adminToken,
    admin: http.as(adminToken),
    db,
    service,
    stop: async () => {
      await service.stop();
      await db.drop();
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A browser context of its own (its own cookies: one person), at the desk's origin, in UTC. */
export async function personContext(browser: Browser, baseURL: string, width = 1440): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width, height: 900 }, timezoneId: 'UTC', locale: 'en-GB', reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/**
 * Every page also records what the browser complains about: a script error, or a Content
 * Security Policy violation (the desk must need no inline script or style).
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return problems;
}

/** axe-core's default rules (WCAG 2.2 A and AA included): the serious and critical violations of the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The axe results of every screen checked in this run, for the report. */
export const axeLog: Array<{ screen: string; width: number; serious: number }> = [];

/**
 * How the signed-in screens' header lays out: on how many lines its parts sit (a part that starts
 * below the bottom of another is on a later line), and whether anything sticks out of it.
 */
export async function headerLayout(page: Page): Promise<{ lines: number; overflows: boolean } | null> {
  // A string: the tests compile without the DOM's types.
  return page.evaluate<{ lines: number; overflows: boolean } | null>(`(() => {
    const header = document.querySelector('header.header');
    if (!header) return null;
    const parts = [...header.children]
      .map((child) => child.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0)
      .sort((a, b) => a.top - b.top);
    let lines = 0;
    let bottom = -Infinity;
    for (const box of parts) {
      if (box.top >= bottom - 1) lines += 1;
      bottom = box.top >= bottom - 1 ? box.bottom : Math.max(bottom, box.bottom);
    }
    return { lines, overflows: header.scrollWidth > header.clientWidth };
  })()`);
}

/**
 * Checks a screen at 360 px (a phone) and 1,440 px: axe finds no serious or critical
 * violation at either width, the header (on screens that have one) keeps to one line, and a
 * screenshot of each goes to docs/screenshots/.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const width of [360, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(100);
    const violations = await seriousViolations(page);
    axeLog.push({ screen: name, width, serious: violations.length });
    expect({ screen: name, width, violations }).toEqual({ screen: name, width, violations: [] });
    const header = await headerLayout(page);
    if (header) expect({ screen: name, width, header }).toEqual({ screen: name, width, header: { lines: 1, overflows: false } });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: width === 360 });
  }
  if (original) await page.setViewportSize(original);
}

/** The password of every person the desk's tests create. */
export const PASSWORD = 'long enough and not common 42';

/** A user of the test workspace: an API token for setting things up, and a password for the sign-in screen. */
export interface DeskPerson {
  id: string;
  name: string;
  email: string;
  api: HttpClient;
}

/** Creates a user (e-mail from the first name) with no password yet: only an invitation gives one. */
export async function createUser(desk: DeskService, name: string, role: 'checker' | 'editor' | 'admin'): Promise<DeskPerson> {
  const email = `${name.split(' ')[0].toLowerCase()}@desk.example`;
  const created = await desk.admin.post('/v1/users', { email, name, role });
  expect(created.status).toBe(201);
  return { id: created.body.id, name, email, api: desk.admin.as(created.body.token) };
}

/**
 * Creates a user (createUser) and gives them PASSWORD through an invitation, over the API: a
 * test that is not about the invitation screen skips it.
 */
export async function createPerson(desk: DeskService, name: string, role: 'checker' | 'editor' | 'admin'): Promise<DeskPerson> {
  const person = await createUser(desk, name, role);
  const invitation = await desk.admin.post(`/v1/users/${person.id}/invitations`);
  const code = new URL(invitation.body.url).pathname.split('/').pop()!;
  const accepted = await desk.admin.request('POST', `/v1/auth/invitations/${code}`, { body: { password: PASSWORD }, headers: { origin: desk.url } });
  expect(accepted.status).toBe(200);
  return person;
}

/**
 * Signs `person` in through the sign-in screen in a browser context of their own, asking first
 * for `path` (the desk comes back to it). What the page complains about goes into `problems`.
 */
export async function signIn(browser: Browser, desk: DeskService, person: DeskPerson, path: string, problems: string[]): Promise<Page> {
  const context = await personContext(browser, desk.url);
  const page = await context.newPage();
  problems.push(...watchProblems(page));
  await signInOn(page, person, path);
  return page;
}

/** Asks for `path` on `page` and signs in through the sign-in screen it shows; resolves once the desk's navigation is there. */
export async function signInOn(page: Page, person: { email: string }, path: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
