import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startApp, type TestApp } from './support/app';

const run = promisify(execFile);

/** Every route of the API (docs/api.md, "Accounts and workspaces" to "Conversation on a claim"), as OpenAPI paths. */
const CONTRACT_ROUTES = [
  'get /health',
  'get /metrics',
  'post /v1/workspaces',
  'get /v1/me',
  'post /v1/users',
  'get /v1/users',
  'patch /v1/users/{id}',
  'post /v1/users/{id}/tokens',
  'post /v1/sources',
  'get /v1/sources',
  'get /v1/sources/{id}',
  'get /v1/sources/{id}/suggestions',
  'post /v1/claims',
  'get /v1/claims',
  'get /v1/claims/{id}',
  'patch /v1/claims/{id}',
  'post /v1/claims/{id}/transitions',
  'get /v1/claims/{id}/history',
  'get /v1/claims/{id}/similar',
  'post /v1/claims/{id}/evidence',
  'get /v1/claims/{id}/evidence',
  'delete /v1/claims/{id}/evidence/{evidenceId}',
  'get /v1/claims/{id}/claimreview',
  'get /v1/claimreview',
  'post /v1/claims/{id}/reminders',
  'get /v1/claims/{id}/reminders',
  'get /v1/reminders',
  'get /v1/reminders/{id}',
  'patch /v1/reminders/{id}',
  'delete /v1/reminders/{id}',
  'get /v1/reminders/{id}/deliveries',
  'post /v1/deliveries/{id}/retry',
  'get /v1/me/notifications',
  'post /v1/me/notifications/{id}/read',
  'post /v1/webhooks',
  'get /v1/webhooks',
  'delete /v1/webhooks/{id}',
  'get /v1/events',
];

describe('the OpenAPI document at /docs-json', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, { operationId?: string; summary?: string; security?: unknown[] }>> };
  let file: string;

  beforeAll(async () => {
    t = await startApp();
    const response = await t.http.get('/docs-json');
    expect(response.status).toBe(200);
    document = response.body;
    file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
    writeFileSync(file, response.text);
  });
  afterAll(() => t.close());

  it('covers every route of the contract', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    expect(documented).toEqual(expect.arrayContaining(CONTRACT_ROUTES));
  });

  it('gives every operation a summary and a unique operationId, and marks public routes', () => {
    const operations = Object.values(document.paths).flatMap((ops) => Object.values(ops));
    for (const operation of operations) {
      expect(operation.summary).toEqual(expect.any(String));
      expect(operation.operationId).toEqual(expect.any(String));
    }
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
    expect(document.paths['/health'].get.security).toEqual([]);
  });

  it('describes the lifecycle table on the transitions route', () => {
    const description = (document.paths['/v1/claims/{id}/transitions'].post as { description?: string }).description ?? '';
    expect(description).toContain('in_review → published');
    expect(description).toContain('four_eyes');
  });

  it('is a valid OpenAPI document', async () => {
    await expect(SwaggerParser.validate(file)).resolves.toBeDefined();
  });

  it("has no errors under redocly lint's recommended rules", async () => {
    const bin = join(__dirname, '..', 'node_modules', '.bin', 'redocly');
    const result = await run(bin, ['lint', '--extends', 'recommended', '--format', 'summary', file], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`redocly lint failed:\n${error.stdout}\n${error.stderr}`);
    });
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\berror\b.*\(\d+\)/i);
  });
});
