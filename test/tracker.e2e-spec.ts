import { randomBytes } from 'node:crypto';
import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { claimIn, createClaim, inDays, transition } from './support/claims';
import type { HttpResponse } from './support/http';
import { enableTracker, htmlFindings, links, parseXml, publishClaim, rateAndPublish, reopen } from './support/tracker';

const PUBLIC_URL = 'https://news.example.org';

/**
 * The public promise tracker (docs/api.md, "The public promise tracker"), read as a reader does:
 * anonymous GETs of the HTML pages and Atom feeds, checked for what they must show, for what they
 * must never show, and for valid HTML5.
 */
describe('the public promise tracker', () => {
  let t: TestApp;
  let desk: Desk;
  let slug: string;
  const tag = randomBytes(4).toString('hex');
  /** A string that must never reach a public page. */
  const marker = (what: string) => `LEAK${what.replace(/[^a-z]/gi, '')}${tag}`;
  const markers: string[] = [];
  const secret = (what: string) => {
    const m = marker(what);
    markers.push(m);
    return m;
  };
  const ids: Record<string, string> = {};

  const get = (path: string, headers: Record<string, string> = {}) => t.http.get(path, { headers });
  const page = async (path: string): Promise<HttpResponse> => {
    const response = await get(path);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text.slice(0, 300)}`);
    return response;
  };

  beforeAll(async () => {
    t = await startApp({ appRole: 'api', publicUrl: PUBLIC_URL });
    desk = await createDesk(t, 'Nairobi Fact Desk');
    slug = await enableTracker(desk, {
      title: 'Kenya Promise Tracker',
      intro: 'What Kenyan officials promised about the Haiti mission.\n\nAnd what came of it.',
      methodology: 'We rate promises on outcomes, not intentions.\n\nEach rating is reviewed by a second editor.',
    });
    const source = await desk.checker.post('/v1/sources', {
      title: 'Citizen TV interview',
      url: 'https://citizen.example/haiti-interview',
      text: `Transcript. ${secret('source text')}`,
    });

    // Published work, in the order it was published.
    ids.rerated = await publishClaim(desk, {
      text: 'The mission will be fully funded by the UN trust fund',
      claimant: { name: 'Ministry of Interior' },
      rating: 'stalled',
      summary: 'No payment yet.',
    });
    await reopen(desk, ids.rerated, `Correction: ${secret('reopen note one')}`);
    await rateAndPublish(desk, ids.rerated, { rating: 'kept', summary: 'The trust fund paid in full.', reviewUrl: 'https://desk.example/checks/trust-fund' });
    ids.reimbursed = await publishClaim(desk, {
      text: 'Kenya will be reimbursed the Ksh 2.1 billion it spent on the Haiti mission',
      claimant: { name: "Korir Sing'Oei", affiliation: 'Principal Secretary, Foreign Affairs' },
      quote: 'The money we have spent will be reimbursed.',
      claimedAt: '2026-11-20T09:00:00.000Z',
      sourceId: source.body.id,
      rating: 'in_the_works',
      summary: 'The UN has agreed to pay but no money has arrived.\n\nWe will check again.',
      reviewUrl: 'https://desk.example/checks/reimbursement',
      evidence: [
        { description: 'Letter from the UN Secretariat', url: 'https://un.example/letter', stance: 'supports' },
        { description: 'Treasury statement of December', stance: 'context' },
      ],
      followUpInDays: 40,
    });
    ids.hostile = await publishClaim(desk, {
      text: 'A new resolution <b>will</b> move the mission to a UN peacekeeping force',
      claimant: { name: '<script>alert("pwned")</script> Minister', affiliation: 'Cabinet & "Friends"' },
      rating: 'broken',
      summary: '</script><script>alert(2)</script> did not happen',
    });
    ids.recheck = await publishClaim(desk, {
      text: 'Police officers will be paid their allowances every month',
      claimant: { name: 'Ministry of Interior' },
      rating: 'compromise',
      summary: 'Paid, but late.',
    });
    ids.statementTrue = await publishClaim(desk, {
      text: 'Kenya sent 400 officers in the first contingent',
      kind: 'statement',
      rating: 'true',
      claimant: { name: 'Korir Sing’Oei' },
    });
    ids.statementFalse = await publishClaim(desk, {
      text: 'The mission has cost nothing so far',
      kind: 'statement',
      rating: 'false',
      claimant: { name: 'Opposition spokesperson' },
    });

    // Reopened and being re-checked: an edit, new evidence and a new proposal, none published.
    await reopen(desk, ids.recheck, secret('reopen note two'));
    const current = await desk.editor.get(`/v1/claims/${ids.recheck}`);
    const edited = await desk.editor.patch(
      `/v1/claims/${ids.recheck}`,
      { text: secret('edited text'), claimant: { name: secret('edited claimant') }, quote: secret('edited quote'), tags: [secret('tag')] },
      { headers: { 'if-match': current.headers.get('etag')! } },
    );
    expect(edited.status).toBe(200);
    expect((await desk.checker.post(`/v1/claims/${ids.recheck}/evidence`, { description: secret('recheck evidence'), stance: 'refutes' })).status).toBe(201);
    // A follow-up the re-check schedules is the desk's work too, not a "next check" of the published rating.
    expect((await transition(desk.checker, ids.recheck, { to: 'monitoring', followUpAt: inDays(9) })).status).toBe(200);
    expect((await transition(desk.checker, ids.recheck, { to: 'in_review', verdict: { rating: 'kept', summary: secret('recheck proposal') } })).status).toBe(
      200,
    );

    // Things that were never published, each in its own way.
    ids.submitted = (
      await createClaim(desk.checker, {
        text: secret('submitted text'),
        kind: 'promise',
        claimant: { name: secret('submitted claimant') },
        quote: secret('submitted quote'),
      })
    ).body.id;
    ids.inResearch = (await createClaim(desk.checker, { text: secret('research text'), kind: 'promise', claimant: { name: "Korir Sing'Oei" } })).body.id;
    await transition(desk.checker, ids.inResearch, { to: 'in_research' });
    await desk.checker.post(`/v1/claims/${ids.inResearch}/evidence`, {
      description: secret('research evidence'),
      url: `https://leak.example/${secret('evidence url')}`,
      stance: 'supports',
    });
    ids.monitoring = (await createClaim(desk.checker, { text: secret('monitoring text'), kind: 'promise', claimant: { name: "Korir Sing'Oei" } })).body.id;
    await transition(desk.checker, ids.monitoring, { to: 'in_research' });
    await transition(desk.checker, ids.monitoring, { to: 'monitoring', followUpAt: inDays(20) });
    await desk.checker.post(`/v1/claims/${ids.monitoring}/reminders`, { message: secret('reminder message'), at: inDays(3) });
    ids.inReview = (await createClaim(desk.checker, { text: secret('review text'), kind: 'statement', claimant: { name: 'Opposition spokesperson' } })).body.id;
    await transition(desk.checker, ids.inReview, { to: 'in_research' });
    await desk.checker.post(`/v1/claims/${ids.inReview}/evidence`, { description: secret('review evidence'), stance: 'refutes' });
    await transition(desk.checker, ids.inReview, { to: 'in_review', verdict: { rating: 'false', summary: secret('proposal summary') } });
    ids.sentBack = (await createClaim(desk.checker, { text: secret('sent back text'), kind: 'statement' })).body.id;
    await transition(desk.checker, ids.sentBack, { to: 'in_research' });
    await desk.checker.post(`/v1/claims/${ids.sentBack}/evidence`, { description: secret('sent back evidence'), stance: 'context' });
    await transition(desk.checker, ids.sentBack, { to: 'in_review', verdict: { rating: 'true', summary: secret('sent back proposal') } });
    await transition(desk.editor, ids.sentBack, { to: 'in_research', note: secret('send back note') });
    ids.rejected = (
      await createClaim(desk.checker, { text: secret('rejected text'), kind: 'opinion', claimant: { name: secret('rejected claimant') } })
    ).body.id;
    await transition(desk.editor, ids.rejected, { to: 'rejected', note: secret('reject note') });
    // Private work on published claims: comments, reminders, tags, assignees.
    await desk.checker.post(`/v1/claims/${ids.reimbursed}/comments`, { body: `Internal: ${secret('comment')} @${'achieng'}` });
    await desk.checker.post(`/v1/claims/${ids.reimbursed}/reminders`, { message: secret('published reminder'), at: inDays(5) });

    // Another newsroom, tracker on, with its own published claim.
    const other = await createDesk(t, 'Other Desk');
    const otherSlug = await enableTracker(other);
    ids.otherSlug = otherSlug;
    ids.other = await publishClaim(other, { text: secret('other workspace text'), rating: 'kept', claimant: { name: "Korir Sing'Oei" } });
    // And one whose tracker stays off.
    const off = await createDesk(t, 'Off Desk');
    ids.offSlug = (await off.admin.get('/v1/workspace')).body.slug;
    ids.off = await publishClaim(off, { text: secret('tracker off text'), rating: 'kept' });
  }, 180_000);
  afterAll(() => t.close());

  describe('the front page: scoreboard and promises', () => {
    it('shows the title, the intro and a scoreboard of published promises by their latest rating, a meter each', async () => {
      const { text, contentType } = await page(`/t/${slug}`);
      expect(contentType).toBe('text/html; charset=utf-8');
      expect(text).toContain('<h1>Kenya Promise Tracker</h1>');
      expect(text).toContain('What Kenyan officials promised about the Haiti mission.');
      expect(text).toContain('And what came of it.');
      // Four promises published: kept (re-rated from stalled), in the works, broken, compromise (being re-checked).
      const meters = [...text.matchAll(/<meter min="0" max="(\d+)" value="(\d+)" aria-label="([^"]+)">/g)].map((m) => [m[3], Number(m[2]), Number(m[1])]);
      expect(meters).toEqual([
        ['Promise kept: 1 of 4', 1, 4],
        ['Compromise: 1 of 4', 1, 4],
        ['Promise broken: 1 of 4', 1, 4],
        ['In the works: 1 of 4', 1, 4],
        ['Stalled: 0 of 4', 0, 4],
      ]);
      expect(text).toContain('25% of promises');
    });

    it('lists the promises newest rating first, each with text, claimant, rating, date and next check', async () => {
      const { text } = await page(`/t/${slug}`);
      const order = [...text.matchAll(/<article aria-labelledby="c-([0-9a-f-]{36})">/g)].map((m) => m[1]);
      expect(order).toEqual([ids.recheck, ids.hostile, ids.reimbursed, ids.rerated]);
      const item = itemOf(text, ids.reimbursed);
      expect(item).toContain('Kenya will be reimbursed the Ksh 2.1 billion it spent on the Haiti mission');
      expect(item).toContain(`<a href="/t/${slug}/claimants/korir-singoei">Korir Sing&#39;Oei</a>, Principal Secretary, Foreign Affairs`);
      expect(item).toContain('<span class="badge">In the works</span>');
      expect(item).toMatch(/<dt>Rated<\/dt><dd><time datetime="[^"]+">\d{1,2} \w+ \d{4}<\/time>/);
      const followUp = (await desk.checker.get(`/v1/claims/${ids.reimbursed}`)).body.followUpAt;
      expect(item).toContain(`<dt>Next check</dt><dd><time datetime="${followUp}">`);
      // A final rating ends the follow-ups: no next check.
      expect(itemOf(text, ids.rerated)).not.toContain('Next check');
      // A claim being re-checked keeps its published rating, marked.
      expect(itemOf(text, ids.recheck)).toContain('<span class="badge">Compromise</span> <span class="recheck">Being re-checked</span>');
      expect(itemOf(text, ids.recheck)).not.toContain('Next check');
      expect(itemOf(text, ids.recheck)).toContain('Police officers will be paid their allowances every month');
    });

    it('filters by rating and by claimant in the query string, and refuses a rating that does not exist', async () => {
      const kept = await page(`/t/${slug}?rating=kept`);
      expect(articles(kept.text)).toEqual([ids.rerated]);
      expect(kept.text).toContain('Showing 1 promise rated “Promise kept”.');
      expect(kept.text).toContain('<option value="kept" selected>Promise kept</option>');
      const byName = await page(`/t/${slug}?claimant=${encodeURIComponent("Korir Sing'Oei")}`);
      expect(articles(byName.text)).toEqual([ids.reimbursed]);
      expect(articles((await page(`/t/${slug}?claimant=korir-singoei&rating=in_the_works`)).text)).toEqual([ids.reimbursed]);
      expect(articles((await page(`/t/${slug}?claimant=korir-singoei&rating=kept`)).text)).toEqual([]);
      // An empty filter (the form sends both fields) is no filter; unknown parameters are ignored.
      expect(articles((await page(`/t/${slug}?rating=&claimant=&utm_source=newsletter`)).text)).toHaveLength(4);
      for (const query of ['rating=true', 'rating=bogus', 'rating=kept&rating=broken']) {
        const bad = await get(`/t/${slug}?${query}`);
        expect(bad.status).toBe(400);
        expect(bad.contentType).toBe('text/html; charset=utf-8');
        expect(await htmlFindings(bad.text)).toEqual([]);
      }
      for (const query of ['page=0', 'page=2', 'page=x', 'page=-1']) expect((await get(`/t/${slug}?${query}`)).status).toBe(404);
    });
  });

  it('the fact-checks page lists published statements with their ratings, the same way', async () => {
    const { text } = await page(`/t/${slug}/fact-checks`);
    expect(articles(text)).toEqual([ids.statementFalse, ids.statementTrue]);
    expect(text).toContain('aria-label="True: 1 of 2"');
    expect(text).toContain('aria-label="False: 1 of 2"');
    expect(text).toContain('aria-label="Misleading: 0 of 2"');
    expect(itemOf(text, ids.statementTrue)).toContain('<span class="badge">True</span>');
    expect(articles((await page(`/t/${slug}/fact-checks?rating=false`)).text)).toEqual([ids.statementFalse]);
    expect((await get(`/t/${slug}/fact-checks?rating=kept`)).status).toBe(400);
  });

  it('a page per claimant: its own scoreboard with counts and shares, its promises and fact-checks; names link to it', async () => {
    const home = await page(`/t/${slug}`);
    expect(links(home.text)).toContain(`/t/${slug}/claimants/korir-singoei`);
    const { text } = await page(`/t/${slug}/claimants/korir-singoei`);
    // Both spellings of the apostrophe are one claimant, named as the desk last published it.
    expect(text).toContain('<h1>Korir Sing’Oei</h1>');
    expect(text).toContain('aria-label="In the works: 1 of 1"');
    expect(text).toContain('100% of promises');
    expect(text).toContain('aria-label="True: 1 of 1"');
    expect(articles(text)).toEqual([ids.reimbursed, ids.statementTrue]);
    expect(text).toContain(`href="/t/${slug}/claimants/korir-singoei/feed.xml"`);
    // Non-canonical spellings of the address lead to the canonical one.
    const redirect = await fetch(`${t.http.baseUrl}/t/${slug}/claimants/${encodeURIComponent("Korir Sing'Oei")}`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`/t/${slug}/claimants/korir-singoei`);
    expect((await get(`/t/${slug}/claimants/nobody-at-all`)).status).toBe(404);
  });

  it('the methodology page gives every rating of both scales with its meaning, and the desk’s methodology text', async () => {
    const { text } = await page(`/t/${slug}/about`);
    expect(text).toContain('We rate promises on outcomes, not intentions.');
    expect(text).toContain('Each rating is reviewed by a second editor.');
    for (const words of [
      'Promise kept',
      'Compromise',
      'Promise broken',
      'In the works',
      'Stalled',
      'True',
      'Mostly true',
      'Half true',
      'Mostly false',
      'False',
      'Misleading',
      'Unproven',
    ])
      expect(text).toContain(`<span class="badge">${words}</span></span><p>`);
    // Without a methodology of its own, a desk gets the default text.
    const other = await page(`/t/${ids.otherSlug}/about`);
    expect(other.text).toContain('We rate promises on outcomes, not intentions');
  });

  describe('one page per published claim', () => {
    it('shows text, claimant, quote, source, every published rating in order, evidence, and links back', async () => {
      const { text } = await page(`/t/${slug}/claims/${ids.reimbursed}`);
      expect(text).toContain('<h1 id="claim-text">Kenya will be reimbursed the Ksh 2.1 billion it spent on the Haiti mission</h1>');
      expect(text).toContain(`<a href="/t/${slug}/claimants/korir-singoei">Korir Sing&#39;Oei</a>, Principal Secretary, Foreign Affairs`);
      expect(text).toContain('<time datetime="2026-11-20T09:00:00.000Z">20 November 2026</time>');
      expect(text).toContain('<blockquote><p>The money we have spent will be reimbursed.</p></blockquote>');
      expect(text).toContain('Source: <a href="https://citizen.example/haiti-interview">Citizen TV interview</a>');
      expect(text).toContain('<p class="prose">The UN has agreed to pay but no money has arrived.</p>');
      expect(text).toContain('<a href="https://desk.example/checks/reimbursement">Read the fact-check</a>');
      expect(text).toContain(
        '<span class="stance stance-supports">Supports</span> Letter from the UN Secretariat <a href="https://un.example/letter">un.example</a>',
      );
      expect(text).toContain('<span class="stance stance-context">Context</span> Treasury statement of December</li>');
      expect(text).toContain('<dt>Next check</dt>');

      const history = await page(`/t/${slug}/claims/${ids.rerated}`);
      const timeline = history.text.slice(history.text.indexOf('<ol class="timeline">'));
      expect([...timeline.matchAll(/<span class="badge">([^<]+)<\/span>/g)].map((m) => m[1])).toEqual(['Stalled', 'Promise kept']);
      expect(timeline).toContain('No payment yet.');
      expect(timeline).toContain('The trust fund paid in full.');
      expect(timeline).toContain('<a href="https://desk.example/checks/trust-fund">');
      expect(history.text).toContain('<span class="badge">Promise kept</span>');
    });

    it('embeds the ClaimReview of the latest rating as JSON-LD and carries Open Graph tags', async () => {
      const { text } = await page(`/t/${slug}/claims/${ids.reimbursed}`);
      const scripts = [...text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.map((s) => s[1])).toEqual([' type="application/ld+json"']);
      const published = (await desk.checker.get(`/v1/claims/${ids.reimbursed}`)).body;
      const api = (await desk.checker.get(`/v1/claims/${ids.reimbursed}/claimreview`)).body;
      expect(JSON.parse(scripts[0][2])).toEqual({ ...api, datePublished: published.publishedAt });
      expect(JSON.parse(scripts[0][2])).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        claimReviewed: published.text,
        url: 'https://desk.example/checks/reimbursement',
        reviewRating: { '@type': 'Rating', alternateName: 'In the works' },
        itemReviewed: { '@type': 'Claim', author: { name: "Korir Sing'Oei" }, appearance: { url: 'https://citizen.example/haiti-interview' } },
      });
      const og = Object.fromEntries([...text.matchAll(/<meta property="([^"]+)" content="([^"]*)">/g)].map((m) => [m[1], m[2]]));
      expect(og).toMatchObject({
        'og:type': 'article',
        'og:title': 'In the works: Kenya will be reimbursed the Ksh 2.1 billion it spent on the Haiti mission',
        'og:url': `${PUBLIC_URL}/t/${slug}/claims/${ids.reimbursed}`,
        'og:site_name': 'Kenya Promise Tracker',
        'article:published_time': published.publishedAt,
      });
      expect(og['og:description']).toContain('In the works. The UN has agreed to pay');
      expect(text).toContain(`<link rel="canonical" href="${PUBLIC_URL}/t/${slug}/claims/${ids.reimbursed}">`);
    });

    it('a claim reopened after publication keeps its last published rating, marked Being re-checked', async () => {
      const { text } = await page(`/t/${slug}/claims/${ids.recheck}`);
      expect(text).toContain('Police officers will be paid their allowances every month');
      expect(text).toContain('<span class="badge">Compromise</span>');
      expect(text).toContain('<strong>Being re-checked.</strong>');
      expect(text).not.toContain('Next check');
      expect(text).toContain('Paid, but late.');
      const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(text)![1]);
      expect(ld.reviewRating.alternateName).toBe('Compromise');
      expect(ld.url).toBe(`${PUBLIC_URL}/t/${slug}/claims/${ids.recheck}`); // no review link given: this page is the review
    });
  });

  describe('Atom feeds', () => {
    it('the tracker’s feed holds the latest publications, newest first, and parses as XML', async () => {
      const response = await page(`/t/${slug}/feed.xml`);
      expect(response.contentType).toBe('application/atom+xml; charset=utf-8');
      const feed = parseXml(response.text).documentElement!;
      expect(feed.namespaceURI).toBe('http://www.w3.org/2005/Atom');
      expect(feed.getElementsByTagName('title')[0].textContent).toBe('Kenya Promise Tracker');
      const entries = Array.from(feed.getElementsByTagName('entry'));
      // Seven publications: the re-rated claim was published twice.
      expect(entries).toHaveLength(7);
      const titles = entries.map((e) => e.getElementsByTagName('title')[0].textContent);
      expect(titles[0]).toBe('False: The mission has cost nothing so far');
      expect(titles).toContain('Promise broken: A new resolution <b>will</b> move the mission to a UN peacekeeping force');
      expect(titles.slice(-2)).toEqual([
        'Promise kept: The mission will be fully funded by the UN trust fund',
        'Stalled: The mission will be fully funded by the UN trust fund',
      ]);
      const first = entries[0];
      expect(first.getElementsByTagName('link')[0].getAttribute('href')).toBe(`${PUBLIC_URL}/t/${slug}/claims/${ids.statementFalse}`);
      expect(first.getElementsByTagName('id')[0].textContent).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      const self = Array.from(feed.getElementsByTagName('link')).find((l) => l.getAttribute('rel') === 'self');
      expect(self?.getAttribute('href')).toBe(`${PUBLIC_URL}/t/${slug}/feed.xml`);
    });

    it('each claimant’s page has its own feed', async () => {
      const response = await page(`/t/${slug}/claimants/korir-singoei/feed.xml`);
      const entries = Array.from(parseXml(response.text).getElementsByTagName('entry'));
      expect(entries.map((e) => e.getElementsByTagName('title')[0].textContent)).toEqual([
        'True: Kenya sent 400 officers in the first contingent',
        'In the works: Kenya will be reimbursed the Ksh 2.1 billion it spent on the Haiti mission',
      ]);
      expect((await get(`/t/${slug}/claimants/nobody-at-all/feed.xml`)).status).toBe(404);
    });
  });

  describe('404 pages', () => {
    it('for an unknown slug, a tracker that is off, an unpublished claim, and any other address under /t/', async () => {
      const addresses = [
        '/t/no-such-desk',
        '/t/no-such-desk/about',
        '/t/no-such-desk/feed.xml',
        `/t/${ids.offSlug}`,
        `/t/${ids.offSlug}/fact-checks`,
        `/t/${ids.offSlug}/about`,
        `/t/${ids.offSlug}/feed.xml`,
        `/t/${ids.offSlug}/claims/${ids.off}`,
        `/t/${ids.offSlug}/claimants/korir-singoei`,
        `/t/${ids.offSlug}/claimants/korir-singoei/feed.xml`,
        ...['submitted', 'inResearch', 'monitoring', 'inReview', 'sentBack', 'rejected'].map((k) => `/t/${slug}/claims/${ids[k]}`),
        `/t/${slug}/claims/${ids.other}`, // another workspace's
        `/t/${ids.otherSlug}/claims/${ids.reimbursed}`,
        `/t/${slug}/claims/not-a-uuid`,
        `/t/${slug}/claims/00000000-0000-4000-8000-000000000000`,
        `/t/${slug}/nowhere`,
        `/t/${slug}/claims`,
        '/t/_assets/tracker.0000.css',
      ];
      for (const address of addresses) {
        const response = await get(address);
        expect({ address, status: response.status }).toEqual({ address, status: 404 });
        if (!address.startsWith('/t/_assets')) {
          expect(response.contentType).toBe('text/html; charset=utf-8');
          expect(response.text).toContain('<h1>Page not found</h1>');
        }
      }
      // Turning the tracker off takes every page down at once.
      const other = await createDesk(t, 'Switch Desk');
      const switchSlug = await enableTracker(other);
      expect((await get(`/t/${switchSlug}`)).status).toBe(200);
      await other.admin.patch('/v1/workspace', { tracker: { enabled: false } });
      expect((await get(`/t/${switchSlug}`)).status).toBe(404);
    });
  });

  describe('caching', () => {
    it('every page and feed carries Cache-Control public, max-age=60 and an ETag, and answers 304 on If-None-Match', async () => {
      for (const path of [
        `/t/${slug}`,
        `/t/${slug}?rating=kept`,
        `/t/${slug}/fact-checks`,
        `/t/${slug}/about`,
        `/t/${slug}/claimants/korir-singoei`,
        `/t/${slug}/claims/${ids.reimbursed}`,
        `/t/${slug}/feed.xml`,
        `/t/${slug}/claimants/korir-singoei/feed.xml`,
      ]) {
        const first = await page(path);
        expect(first.headers.get('cache-control')).toBe('public, max-age=60');
        const etag = first.headers.get('etag')!;
        expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
        const again = await get(path, { 'if-none-match': etag });
        expect({ path, status: again.status }).toEqual({ path, status: 304 });
        expect(again.text).toBe('');
        expect(again.headers.get('etag')).toBe(etag);
        expect(again.headers.get('cache-control')).toBe('public, max-age=60');
        expect((await get(path, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
        expect((await get(path, { 'if-none-match': '"stale"' })).status).toBe(200);
      }
    });

    it('a new publication changes the ETag of the pages that show it', async () => {
      const before = await page(`/t/${slug}/fact-checks`);
      await publishClaim(desk, {
        text: 'The first contingent landed in June',
        kind: 'statement',
        rating: 'mostly_true',
        claimant: { name: 'Opposition spokesperson' },
      });
      const after = await get(`/t/${slug}/fact-checks`, { 'if-none-match': before.headers.get('etag')! });
      expect(after.status).toBe(200);
      expect(after.text).toContain('The first contingent landed in June');
    });

    it('serves its one stylesheet under a hashed name, cached for a year', async () => {
      const { text } = await page(`/t/${slug}`);
      const href = /<link rel="stylesheet" href="([^"]+)">/.exec(text)![1];
      expect(href).toMatch(/^\/t\/_assets\/tracker\.[0-9a-f]{12}\.css$/);
      const css = await page(href);
      expect(css.contentType).toBe('text/css; charset=utf-8');
      expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(css.text).toContain('meter');
      expect((await get(href, { 'if-none-match': css.headers.get('etag')! })).status).toBe(304);
    });
  });

  describe('markup', () => {
    it('every page type is valid HTML5 (html-validate), with a strict CSP and no script but JSON-LD', async () => {
      const pages = [
        `/t/${slug}`,
        `/t/${slug}?claimant=nobody`,
        `/t/${slug}/fact-checks`,
        `/t/${slug}/about`,
        `/t/${slug}/claimants/korir-singoei`,
        `/t/${slug}/claims/${ids.reimbursed}`,
        `/t/${slug}/claims/${ids.hostile}`,
        `/t/${slug}/claims/${ids.recheck}`,
        `/t/${slug}/nowhere`,
        '/t/no-such-desk',
      ];
      for (const path of pages) {
        const response = await get(path);
        expect({ path, findings: await htmlFindings(response.text) }).toEqual({ path, findings: [] });
        expect(response.headers.get('content-security-policy')).toBe(
          "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'",
        );
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.text).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
        for (const script of response.text.matchAll(/<script([^>]*)>/g)) expect(script[1]).toBe(' type="application/ld+json"');
        expect(response.text).not.toMatch(/\son[a-z]+=|style=|javascript:/i);
      }
    });

    it('shows hostile claim text as text: a <script> in a claimant name, markup in the text and the summary', async () => {
      for (const path of [`/t/${slug}`, `/t/${slug}/claims/${ids.hostile}`, `/t/${slug}/claimants/script-alert-pwned-script-minister`]) {
        const { text } = await page(path);
        expect(text).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Minister');
        expect(text).not.toContain('<script>alert');
        expect(text).not.toContain('<b>will</b>');
      }
      const { text } = await page(`/t/${slug}/claims/${ids.hostile}`);
      expect(text).toContain('A new resolution &lt;b&gt;will&lt;/b&gt; move the mission');
      expect(text).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt; did not happen');
      expect(text).toContain('Cabinet &amp; &quot;Friends&quot;');
      const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(text)![1];
      expect(ld).not.toMatch(/[<>]/);
      expect(JSON.parse(ld).itemReviewed.author.name).toBe('<script>alert("pwned")</script> Minister');
      const feed = await page(`/t/${slug}/feed.xml`);
      expect(feed.text).not.toContain('<script>');
      parseXml(feed.text);
    });
  });

  it('leaks nothing unpublished: no marker on any page or feed reachable from the tracker, nor on its 404 pages', async () => {
    const seen = new Set<string>();
    const queue = [`/t/${slug}`, `/t/${slug}/fact-checks`, `/t/${slug}/about`, `/t/${slug}/feed.xml`, `/t/${ids.otherSlug}`, `/t/${ids.otherSlug}/feed.xml`];
    const bodies: Array<[string, string]> = [];
    while (queue.length > 0 && seen.size < 300) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await get(path);
      bodies.push([path, response.text]);
      const found = [...links(response.text), ...[...response.text.matchAll(/<link rel="alternate" type="text\/html" href="([^"]+)"/g)].map((m) => m[1])];
      for (const link of found) {
        const local = link.startsWith(PUBLIC_URL) ? link.slice(PUBLIC_URL.length) : link;
        if (local.startsWith('/t/') && !local.startsWith('/t/_assets') && !seen.has(local)) queue.push(local);
      }
    }
    // Every kind of page was reached.
    for (const kind of ['/claims/', '/claimants/', '/feed.xml', '?rating=', '/about', '/fact-checks'])
      expect({ kind, reached: [...seen].some((p) => p.includes(kind)) }).toEqual({ kind, reached: true });
    for (const k of ['submitted', 'inResearch', 'monitoring', 'inReview', 'sentBack', 'rejected', 'other', 'off'])
      for (const path of [`/t/${slug}/claims/${ids[k]}`, `/t/${ids.otherSlug}/claims/${ids[k]}`, `/t/${ids.offSlug}/claims/${ids[k]}`])
        bodies.push([path, (await get(path)).text]);
    bodies.push([`/t/${ids.offSlug}`, (await get(`/t/${ids.offSlug}`)).text]);
    for (const claimant of ['submitted claimant', 'edited claimant', 'rejected claimant']) {
      const path = `/t/${slug}/claimants/${marker(claimant).toLowerCase()}`;
      bodies.push([path, (await get(path)).text]);
    }

    const users = (await desk.admin.get('/v1/users')).body.items as Array<{ email: string; name: string }>;
    const forbidden = [...markers, ...users.map((u) => u.email), 'Achieng', 'Baraka', 'Chebet', '@desk.example'];
    const leaks = bodies.flatMap(([path, body]) => forbidden.filter((m) => body.toLowerCase().includes(m.toLowerCase())).map((m) => `${m} on ${path}`));
    // The other workspace's own published claim is public on its own tracker, and only there.
    const otherMarker = marker('other workspace text');
    expect(leaks.filter((l) => !(l.startsWith(otherMarker) && l.includes(` on /t/${ids.otherSlug}`)))).toEqual([]);
    expect(leaks.some((l) => l.startsWith(otherMarker))).toBe(true);
    expect(seen.size).toBeGreaterThan(15);
  });

  it('pages of 50, newest first, with links to the next and previous pages', async () => {
    const big = await createDesk(t, 'Big Desk');
    const bigSlug = await enableTracker(big);
    const made: string[] = [];
    for (let i = 0; i < 51; i += 3) {
      made.push(
        ...(await Promise.all(
          [i, i + 1, i + 2]
            .filter((n) => n < 51)
            .map((n) => publishClaim(big, { text: `Promise number ${n}`, rating: n % 2 ? 'kept' : 'broken', claimant: { name: `Governor ${n % 3}` } })),
        )),
      );
    }
    const first = await page(`/t/${bigSlug}`);
    expect(articles(first.text)).toHaveLength(50);
    expect(first.text).toContain('Page 1 of 2');
    expect(first.text).toContain(`<a rel="next" href="/t/${bigSlug}?page=2">Older</a>`);
    const second = await page(`/t/${bigSlug}?page=2`);
    expect(articles(second.text)).toHaveLength(1);
    expect(second.text).toContain(`<a rel="prev" href="/t/${bigSlug}">Newer</a>`);
    expect(new Set([...articles(first.text), ...articles(second.text)])).toEqual(new Set(made));
    expect((await get(`/t/${bigSlug}?page=3`)).status).toBe(404);
    // Filters carry over to the next page's address.
    const broken = await page(`/t/${bigSlug}?rating=broken`);
    expect(articles(broken.text)).toHaveLength(26);
    expect(broken.text).not.toContain('rel="next"');
    expect(await htmlFindings(second.text)).toEqual([]);
  }, 120_000);

  it('serves HEAD like GET, without a body', async () => {
    const response = await t.http.request('HEAD', `/t/${slug}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeTruthy();
    expect(response.text).toBe('');
  });

  it('a claim in monitoring that was never published stays off the tracker, and appears once published', async () => {
    const id = await claimIn(desk, 'monitoring');
    expect((await get(`/t/${slug}/claims/${id}`)).status).toBe(404);
    await rateAndPublish(desk, id, { rating: 'stalled' });
    expect((await get(`/t/${slug}/claims/${id}`)).status).toBe(200);
  });
});

/** The ids of the claims a list page shows, in order. */
function articles(html: string): string[] {
  return [...html.matchAll(/<article aria-labelledby="c-([0-9a-f-]{36})">/g)].map((m) => m[1]);
}

/** The HTML of one claim in a list. */
function itemOf(html: string, id: string): string {
  const start = html.indexOf(`<article aria-labelledby="c-${id}">`);
  if (start < 0) throw new Error(`claim ${id} is not listed`);
  return html.slice(start, html.indexOf('</article>', start));
}
