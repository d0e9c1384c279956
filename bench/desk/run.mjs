// Desk bench: the budgets of the web desk, measured in Chromium against the built service —
//   1. JavaScript loaded for the board (the first screen after sign-in), gzipped;
//   2. the board with 1,000 claims: from navigation until every column shows its count and its
//      first 50 cards;
//   3. feedback for a move: from the click on a `Move to…` menu item until the card stands in
//      its new column (the network follows).
// Not part of `npm test`.
//
//   npm run bench:desk       (= npm run build && node bench/desk/run.mjs [--claims=1000] [--loads=7] …)
//
// See bench/README.md ("The desk: budgets in Chromium") for the method and the figures.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { round, summarize, table } from '../claims/measure.mjs';
import { claimBody, rng } from '../claims/vocabulary.mjs';
import { parseOptions } from '../lib/options.mjs';
import { killAllSync, startNode, stopAll, waitHealthy } from '../lib/processes.mjs';
import { writeResults } from '../lib/results.mjs';
import { assertPortFree, dropDatabase, machine } from '../lib/service.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const SERVICE_ENTRY = join(ROOT, 'dist', 'src', 'main.js');
const DESK_INDEX = join(ROOT, 'dist', 'desk', 'index.html');

const DEFAULTS = {
  dbUrl: 'postgres://postgres@127.0.0.1:5432/claimtrack_bench_desk',
  redisUrl: 'redis://127.0.0.1:6379',
  port: 3841,
  chromium: '/usr/bin/chromium',
  claims: 1000,
  loads: 7, // board navigations measured (after one not measured)
  moves: 10, // moves measured
  keep: false,
};

/** How the 1,000 claims are spread over the board's columns (the rest stay submitted). */
const SPREAD = [
  ['in_research', 0.2],
  ['monitoring', 0.15],
  ['in_review', 0.15],
  ['published', 0.15],
  ['rejected', 0.15],
];
const COLUMNS = ['Submitted', 'In research', 'Monitoring', 'In review', 'Published', 'Rejected'];
const BUDGET = { jsKiB: 150, boardMs: 1000, feedbackMs: 100 };

const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

async function main() {
  const loadAtStart = os.loadavg();
  const opts = parseOptions(process.argv.slice(2), DEFAULTS);
  for (const file of [SERVICE_ENTRY, DESK_INDEX]) if (!existsSync(file)) throw new Error(`${relative(ROOT, file)} is missing: run \`npm run build\` first`);
  if (!existsSync(opts.chromium)) throw new Error(`no Chromium at ${opts.chromium}: apt-get install -y chromium, or pass --chromium`);
  const dbName = decodeURIComponent(new URL(opts.dbUrl).pathname.slice(1));
  const maintenanceUrl = Object.assign(new URL(opts.dbUrl), { pathname: '/postgres' }).toString();
  const adminToken = `bench_${randomBytes(16).toString('hex')}`;
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const results = { startedAt: new Date().toISOString(), options: opts, budget: BUDGET };
  let browser = null;

  let cleanedUp = false;
  const cleanup = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    await browser?.close().catch(() => {});
    await stopAll();
    if (!opts.keep) await dropDatabase(maintenanceUrl, dbName).catch((e) => log(`could not drop ${dbName}: ${e.message}`));
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  process.once('exit', killAllSync);

  try {
    await assertPortFree(baseUrl);
    await dropDatabase(maintenanceUrl, dbName);
    log('starting the built service (APP_ROLE=all)');
    const service = startNode('service', [SERVICE_ENTRY], {
      PORT: String(opts.port),
      PUBLIC_URL: baseUrl,
      DATABASE_URL: opts.dbUrl,
      REDIS_URL: opts.redisUrl,
      ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      QUEUE_PREFIX: `benchdesk${randomBytes(3).toString('hex')}`,
    });
    await waitHealthy(service, `${baseUrl}/health`);
    results.machine = await machine(opts.dbUrl, loadAtStart);

    log(`creating ${opts.claims} claims through the API and spreading them over the columns`);
    const perColumn = await seedBoard(baseUrl, adminToken, opts.dbUrl, opts.claims);
    results.perColumn = perColumn;

    browser = await chromium.launch({ executablePath: opts.chromium, args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, adminToken);

    // ---------------------------------------------------------------- 1. JavaScript for the board
    results.javascript = await boardJavaScript(browser, context, baseUrl);
    log(`board JavaScript: ${results.javascript.gzipKiB} KiB gzipped in ${results.javascript.files.length} files`);

    // ---------------------------------------------------------------- 2. the board with 1,000 claims
    const expected = Object.fromEntries(COLUMNS.map((name, i) => [name, Math.min(50, Object.values(perColumn)[i])]));
    const loads = [];
    for (let i = 0; i <= opts.loads; i++) {
      const ms = await boardReady(page, baseUrl, expected);
      if (i > 0) loads.push(ms); // the first navigation warms the service's pool and Chromium's cache
    }
    results.board = summarize(loads);
    log(`board ready: median ${results.board.p50} ms, max ${results.board.max} ms`);

    // ---------------------------------------------------------------- 3. feedback for a move
    const feedback = [];
    for (let i = 0; i < opts.moves; i++) feedback.push(await moveFeedback(page, baseUrl));
    results.moveFeedback = summarize(feedback);
    log(`move feedback: median ${results.moveFeedback.p50} ms, max ${results.moveFeedback.max} ms`);

    results.machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
    report(results);
    log(`results written to ${writeResults('desk', results)}`);
  } finally {
    await cleanup();
  }
}

/** Claims through the API (as a desk makes them), then statuses by SQL so that every column is full. */
async function seedBoard(baseUrl, adminToken, dbUrl, n) {
  const random = rng(41);
  const bodies = Array.from({ length: n }, () => claimBody(random));
  for (let i = 0; i < n; i += 20) {
    await Promise.all(
      bodies.slice(i, i + 20).map(async (body) => {
        const res = await fetch(`${baseUrl}/v1/claims`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status !== 201) throw new Error(`POST /v1/claims: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }),
    );
  }
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT id FROM claims ORDER BY created_at, id');
    let next = 0;
    for (const [status, share] of SPREAD) {
      const ids = rows.slice(next, next + Math.round(n * share)).map((r) => r.id);
      next += ids.length;
      await client.query(
        `UPDATE claims SET status = $2::text::claim_status,
                published_at = CASE WHEN $2::text = 'published' THEN now() END,
                follow_up_at = CASE WHEN $2::text = 'monitoring' THEN now() + interval '30 days' END
          WHERE id = ANY($1)`,
        [ids, status],
      );
    }
    const counts = await client.query('SELECT status, count(*)::int AS n FROM claims GROUP BY status');
    const by = Object.fromEntries(counts.rows.map((r) => [r.status, r.n]));
    return Object.fromEntries(['submitted', 'in_research', 'monitoring', 'in_review', 'published', 'rejected'].map((s) => [s, by[s] ?? 0]));
  } finally {
    await client.end();
  }
}

/** The instance admin signs in with ADMIN_TOKEN, as the sign-in screen offers (docs/desk.md, "Screens"). */
async function signIn(page, baseUrl, token) {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('button', { name: 'Use an API token' }).click();
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await page.getByRole('region', { name: 'Submitted' }).waitFor();
}

/** Every script a fresh browser (no cache, same session) loads for the board, with its gzipped size. */
async function boardJavaScript(browser, signedIn, baseUrl) {
  const context = await browser.newContext({ storageState: await signedIn.storageState() });
  const page = await context.newPage();
  const scripts = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  });
  await page.goto(`${baseUrl}/`);
  await page.getByRole('region', { name: 'Submitted' }).waitFor();
  await page.waitForLoadState('networkidle');
  const files = [];
  for (const response of scripts) {
    const body = await response.body();
    files.push({ url: new URL(response.url()).pathname, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length });
  }
  await context.close();
  const gzipBytes = files.reduce((s, f) => s + f.gzipBytes, 0);
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzipBytes, gzipKiB: round(gzipBytes / 1024, 1) };
}

/**
 * Navigates to the board and waits, inside the page, until every column shows its count and
 * its first cards (the Rejected column: its count; its cards are collapsed behind a button).
 * Returns the page's own clock at that moment: milliseconds since the navigation started.
 */
async function boardReady(page, baseUrl, expected) {
  await page.goto(`${baseUrl}/?bench=${randomBytes(3).toString('hex')}`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (want) => {
      const sections = [...document.querySelectorAll('section[aria-labelledby]')];
      const byName = Object.fromEntries(sections.map((s) => [document.getElementById(s.getAttribute('aria-labelledby'))?.textContent?.trim(), s]));
      for (const [name, cards] of Object.entries(want)) {
        const section = byName[name];
        if (!section || !/\d/.test(section.querySelector('header')?.textContent ?? '')) return false;
        if (name !== 'Rejected' && section.querySelectorAll('a[href^="/claims/"]').length < cards) return false;
      }
      return performance.now();
    },
    expected,
    { polling: 'raf', timeout: 30_000 },
  );
  return round(await handle.jsonValue(), 1);
}

/**
 * Moves one submitted card to In research with its `Move to…` menu, timing inside the page from
 * the click on the menu item to the card's link standing in the In research column.
 */
async function moveFeedback(page, baseUrl) {
  await page.goto(`${baseUrl}/`);
  const submitted = page.getByRole('region', { name: 'Submitted' });
  const card = submitted.locator('a[href^="/claims/"]').first();
  await card.waitFor();
  const href = await card.getAttribute('href');
  const timing = page.evaluate((claimHref) => {
    return new Promise((resolveTiming) => {
      let clickedAt = null;
      document.addEventListener(
        'click',
        (event) => {
          if (event.target instanceof Element && event.target.closest('[role="menuitem"]')) clickedAt = performance.now();
        },
        { capture: true },
      );
      const arrived = () => {
        const target = [...document.querySelectorAll('section[aria-labelledby]')].find(
          (s) => document.getElementById(s.getAttribute('aria-labelledby'))?.textContent?.trim() === 'In research',
        );
        return clickedAt !== null && target?.querySelector(`a[href="${claimHref}"]`);
      };
      new MutationObserver((_, observer) => {
        if (arrived()) {
          observer.disconnect();
          resolveTiming(performance.now() - clickedAt);
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
  }, href);
  await submitted
    .getByRole('button', { name: /Move to/ })
    .first()
    .click();
  await page.getByRole('menuitem', { name: 'In research' }).click();
  return round(await timing, 1);
}

function report(results) {
  const j = results.javascript;
  console.log('\n### The desk against its budgets\n');
  console.log(
    table(
      ['measure', 'figure', 'budget'],
      [
        [
          'JavaScript loaded for the board, gzipped',
          `${j.gzipKiB} KiB (${j.files.length} files, ${round(j.bytes / 1024, 1)} KiB raw)`,
          `≤ ${BUDGET.jsKiB} KiB`,
        ],
        [
          `board with ${results.options.claims} claims ready (median / max of ${results.board.n})`,
          `${results.board.p50} / ${results.board.max} ms`,
          `≤ ${BUDGET.boardMs} ms`,
        ],
        [
          `feedback for a move (median / max of ${results.moveFeedback.n})`,
          `${results.moveFeedback.p50} / ${results.moveFeedback.max} ms`,
          `≤ ${BUDGET.feedbackMs} ms`,
        ],
      ],
    ),
  );
  console.log(
    `\nColumns: ${JSON.stringify(results.perColumn)}. Load average ${results.machine.loadAverageAtStart[0]} → ${results.machine.loadAverageAtEnd[0]}.`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
