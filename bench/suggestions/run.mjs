// Measures how long GET /v1/sources/:id/suggestions blocks the event loop for a source of
// nearly 1 MB (the body limit). The service runs in this process (APP_ROLE=api, built dist/),
// so the event loop measured is the one that serves every other request.
//
//   npm run bench:suggestions
//
// Two measurements while the suggestions are computed: perf_hooks.monitorEventLoopDelay
// (the longest time the loop could not turn), and the latency of GET /health probes sent
// every 10 ms by a separate process-free timer loop in this process.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { createHttpApp } = require('../../dist/src/http-app.js');
const { createRootLogger } = require('../../dist/src/common/logging/logger.js');
const { loadConfig } = require('../../dist/src/config/env.js');
const { createDatabaseIfMissing, migrateDatabase } = require('../../dist/src/database/prepare.js');

const DB = 'claimtrack_bench_suggestions';
const PARAGRAPH =
  [
    'Treasury Cabinet Secretary Amina Wekesa appeared before the budget committee on Thursday.',
    '"The county governments received Ksh 385 billion this year, more than in any year before," she said.',
    'She added that the Treasury will clear all pending bills to suppliers by June 2027.',
    'According to the Controller of Budget, development spending fell by 12% compared with last year.',
    'Wekesa said the government plans to build 200 new health centres within six months.',
    'We believe the new tax measures are fair to ordinary Kenyans, she told the committee.',
    'The session ended shortly after noon.',
  ].join(' ') + '\n\n';

async function main() {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
  const adminToken = randomBytes(16).toString('hex');
  const config = {
    ...loadConfig({}),
    databaseUrl: `postgres://postgres@127.0.0.1:5432/${DB}`,
    appRole: 'api',
    logLevel: 'warn',
    adminToken,
    queuePrefix: 'benchsugg',
    rateLimitPerMinute: 0,
  };
  await createDatabaseIfMissing(config.databaseUrl);
  await migrateDatabase(config.databaseUrl);
  const app = await createHttpApp(config, createRootLogger('warn'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const call = async (method, path, token, body) => {
    const response = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: await response.json() };
  };
  try {
    const ws = await call('POST', '/v1/workspaces', adminToken, { name: 'bench', adminEmail: 'bench@example.org' });
    const token = ws.body.admin.token;
    const text = PARAGRAPH.repeat(Math.floor(1_040_000 / PARAGRAPH.length));
    const source = await call('POST', '/v1/sources', token, { title: 'A long hearing', text });
    if (source.status !== 201) throw new Error(`source: ${source.status} ${JSON.stringify(source.body)}`);
    console.log(`source text: ${Buffer.byteLength(text)} bytes`);
    await call('GET', `/v1/sources/${source.body.id}/suggestions`, token); // warm-up (module load, JIT)

    const runs = [];
    for (let run = 1; run <= 3; run++) {
      const histogram = monitorEventLoopDelay({ resolution: 1 });
      const probes = [];
      let probing = true;
      const probe = async () => {
        while (probing) {
          const started = performance.now();
          await fetch(`${base}/health`).then((r) => r.arrayBuffer());
          probes.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      histogram.enable();
      const prober = probe();
      const started = performance.now();
      const result = await call('GET', `/v1/sources/${source.body.id}/suggestions`, token);
      const total = performance.now() - started;
      probing = false;
      await prober;
      histogram.disable();
      const sorted = probes.sort((a, b) => a - b);
      runs.push({
        run,
        suggestions: result.body.items.length,
        totalMs: Math.round(total),
        loopDelayMaxMs: Math.round(histogram.max / 1e6),
        loopDelayP99Ms: Math.round(histogram.percentile(99) / 1e6),
        healthProbes: sorted.length,
        healthP50Ms: Math.round(sorted[Math.floor(sorted.length / 2)]),
        healthMaxMs: Math.round(sorted.at(-1)),
      });
    }
    console.table(runs);
  } finally {
    await app.close();
    const cleanup = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await cleanup.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
