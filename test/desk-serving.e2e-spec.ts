import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findDeskRoot } from '../src/desk/desk-static';
import { startApp, type TestApp } from './support/app';
import { expectProblem } from './support/http';
import { rawRequest } from './support/raw-http';

/**
 * The API hosts serve the built desk (docs/desk.md, "How it is built"): index.html for the desk's
 * addresses only, never cached; hashed assets cached a year; a strict CSP and the other
 * security headers on the desk's answers, and the API's own answers untouched. Needs
 * `npm run build` (npm test builds first).
 */
describe('the desk, served by the API hosts', () => {
  let t: TestApp;
  const root = findDeskRoot();

  beforeAll(async () => {
    if (!root) throw new Error('the desk is not built: run npm run build first');
    t = await startApp({ appRole: 'api' });
  });
  afterAll(() => t?.close());

  it.each([
    '/',
    '/login',
    '/invite/abc',
    '/reset/abc',
    '/claims',
    '/claims/new',
    '/claims/0b7d8a5e-0000-4000-8000-000000000000',
    '/sources',
    '/sources/x',
    '/inbox',
    '/reminders',
    '/settings',
  ])('answers index.html at %s, not cached, with a strict CSP', async (path) => {
    const response = await t.http.get(`${path}?filter=1`);
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^text\/html/);
    expect(response.text).toContain('<div id="root"></div>');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it.each(['/claims/%00', '/invite/%00', '/reset/a%00', '/sources/%00', '/assets/%00.js'])(
    'answers a deep link holding a NUL (%s) with a 400 problem document, not a 500',
    async (path) => {
      const problem = expectProblem(await t.http.get(path), 400, 'VALIDATION_FAILED');
      expect(problem.errors[0].message).toMatch(/NUL/);
    },
  );

  it('loads no inline script: every script of the page is a file of its own', async () => {
    const page = (await t.http.get('/')).text;
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/assets\/[^"]+\.js"/);
      expect(body.trim()).toBe('');
    }
  });

  it('serves hashed assets cached for a year, and a missing one as a 404 problem', async () => {
    const asset = readdirSync(join(root!, 'assets')).find((name) => name.endsWith('.js'))!;
    const response = await t.http.get(`/assets/${asset}`);
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const missing = await t.http.get('/assets/nothing-here.js');
    expect(missing.status).toBe(404);
    expect(missing.contentType).toMatch(/^application\/problem\+json/);
    expect(missing.body.code).toBe('NOT_FOUND');
  });

  it('never serves a file outside the desk', async () => {
    const port = Number(new URL(t.http.baseUrl).port);
    // Sent as written: an HTTP client would resolve the dot segments before sending.
    for (const path of [
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/../index.html',
      '/package.json',
    ]) {
      const response = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect([path, response.status]).toEqual([path, expect.any(Number)]);
      expect([400, 403, 404]).toContain(response.status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).not.toContain('"dependencies"');
    }
  });

  it('leaves the API, the docs, health and the public tracker to the service', async () => {
    const unknown = await t.http.get('/v1/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toMatch(/^application\/problem\+json/);
    const me = await t.http.get('/v1/me');
    expect(me.status).toBe(401);
    expect(me.headers.get('content-security-policy')).toBeNull();
    const health = await t.http.get('/health');
    expect(health.contentType).toMatch(/json/);
    expect(health.headers.get('content-security-policy')).toBeNull();
    const docs = await t.http.get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toBeNull();
    const tracker = await t.http.get('/t/some-desk');
    expect(tracker.text).not.toContain('<div id="root"></div>');
    const notDesk = await t.http.get('/claimsx');
    expect(notDesk.status).toBe(404);
    expect(notDesk.contentType).toMatch(/^application\/problem\+json/);
  });

  it('answers other methods on a desk address with a 405 problem', async () => {
    const response = await t.http.post('/login', { email: 'x' });
    expect(response.status).toBe(405);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
  });
});
