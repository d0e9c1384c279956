import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { hashToken } from '../src/accounts/tokens';
import { adminQuery, DATABASE_PREFIX, databaseUrl } from './support/databases';
import { ServiceProcess } from './support/service-process';
import { REDIS_PORT, TEST_REDIS_URL } from './support/services';
import { waitFor } from './support/wait';
import { freePort } from './support/ports';

async function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** The entry point as `npm start` runs it: configuration, database creation, roles, SIGTERM. */
describe('the service process', () => {
  const database = `${DATABASE_PREFIX}_proc_${randomBytes(4).toString('hex')}`;
  const prefix = `p${randomBytes(4).toString('hex')}`;
  const env = { DATABASE_URL: databaseUrl(database), REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, ADMIN_TOKEN: 'process-test-token' };
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  it('stops on bad configuration with one line naming the variable, and no stack trace', async () => {
    const service = new ServiceProcess({ ...env, APP_ROLE: 'scheduler' });
    const { code } = await service.exited();
    expect(code).toBe(1);
    const lines = service.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('APP_ROLE');
    expect(service.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['api', 'PORT'],
    ['worker', 'METRICS_PORT'],
  ])('APP_ROLE=%s stops with one line, not a stack trace, when %s is taken', async (role, variable) => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const service = new ServiceProcess({ ...env, APP_ROLE: role, PORT: String(port), [variable]: String(port) });
      const { code } = await service.exited();
      expect(code).toBe(1);
      const lines = service.stderr.trim().split('\n');
      expect(lines).toEqual([`claimtrack: failed to start: port ${port} is already in use (PORT, or METRICS_PORT on a worker host)`]);
    } finally {
      taken.close();
    }
  });

  it('APP_ROLE=api creates the missing database, migrates, serves HTTP with no queue workers, and exits on SIGTERM', async () => {
    const port = await freePort();
    const service = new ServiceProcess({ ...env, APP_ROLE: 'api', PORT: String(port) });
    try {
      await service.waitForLog(/claimtrack listening/);
      const me = await fetch(`http://127.0.0.1:${port}/v1/me`, { headers: { authorization: 'Bearer process-test-token' } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { workspace: { name: string } }).workspace.name).toBe('default');
      expect(service.stdout).not.toMatch(/ADMIN_TOKEN is \d+ characters long/); // 18 characters: no warning
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { status: string; queues: Record<string, { workers: number }> };
      expect(health.status).toBe('ok');
      for (const queue of Object.values(health.queues)) expect(queue.workers).toBe(0);
    } finally {
      const { code, signal, ms } = await service.stop();
      // Nest runs the shutdown hooks, then re-raises the signal: a clean exit.
      expect(code === 0 || signal === 'SIGTERM').toBe(true);
      expect(ms).toBeLessThan(15_000);
    }
  });

  it('APP_ROLE=worker starts no API server, listens on the queues, serves only /health and /metrics on METRICS_PORT, and exits on SIGTERM', async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    const service = new ServiceProcess({ ...env, APP_ROLE: 'worker', PORT: String(port), METRICS_PORT: String(metricsPort) });
    const queue = new Queue('reminders', { connection: { host: '127.0.0.1', port: REDIS_PORT }, prefix });
    try {
      await service.waitForLog(/worker started/);
      expect(await isListening(port)).toBe(false);
      await waitFor(async () => (await queue.getWorkersCount()) > 0, { what: 'a reminders worker' });
      const health = await fetch(`http://127.0.0.1:${metricsPort}/health`);
      expect(health.status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).toContain('claimtrack_');
      expect((await fetch(`http://127.0.0.1:${metricsPort}/v1/me`)).status).toBe(404);
      // A monitor's HEAD is answered as GET is; another method is a 405 that says which to use.
      const head = await fetch(`http://127.0.0.1:${metricsPort}/health`, { method: 'HEAD' });
      expect([head.status, head.headers.get('content-type')]).toEqual([200, 'application/json']);
      const post = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' });
      expect([post.status, post.headers.get('allow'), post.headers.get('content-type')]).toEqual([405, 'GET, HEAD', 'application/problem+json']);
      expect(((await post.json()) as { code: string }).code).toBe('METHOD_NOT_ALLOWED');
    } finally {
      await queue.close();
      const { code, signal, ms } = await service.stop();
      // Nest runs the shutdown hooks, then re-raises the signal: a clean exit.
      expect(code === 0 || signal === 'SIGTERM').toBe(true);
      expect(ms).toBeLessThan(15_000);
    }
  });

  it('npm run seed loads the worked example into a workspace of its own and prints a token and an invitation link to explore it', async () => {
    // An API host with ADMIN_TOKEN runs while the seed, started without one, loads the example.
    const port = await freePort();
    const service = new ServiceProcess({ ...env, APP_ROLE: 'api', PORT: String(port) });
    await service.waitForLog(/claimtrack listening/);
    const seed = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'src', 'demo', 'seed.js')], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: env.DATABASE_URL, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(seed.status).toBe(0);
    const token = /TOKEN=(ct_\S+)/.exec(seed.stdout)?.[1];
    expect(token).toBeDefined();
    const invitation = /\/invite\/([A-Za-z0-9_-]+)\s/.exec(seed.stdout)?.[1];
    expect(invitation).toBeDefined();
    try {
      // The seed left the instance admin's token alone: it still works, and it is not revoked.
      const me = await fetch(`http://127.0.0.1:${port}/v1/me`, { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } });
      expect(me.status).toBe(200);
      const db = new Client({ connectionString: env.DATABASE_URL });
      await db.connect();
      const tokens = await db.query('SELECT revoked_at FROM api_tokens WHERE token_hash = $1', [hashToken(env.ADMIN_TOKEN)]).finally(() => db.end());
      expect(tokens.rows).toEqual([{ revoked_at: null }]);
      const response = await fetch(`http://127.0.0.1:${port}/v1/claims?limit=50`, { headers: { authorization: `Bearer ${token}` } });
      const claims = ((await response.json()) as { items: Array<{ kind: string; status: string; text: string }> }).items;
      expect(claims.map((c) => `${c.kind}:${c.status}`).sort()).toEqual([
        'opinion:rejected',
        'promise:in_research',
        'promise:monitoring',
        'promise:published',
        'promise:published',
        'promise:published',
        'statement:in_review',
        'statement:published',
      ]);
      expect(claims.some((c) => c.text.includes('Ksh 2.1 billion'))).toBe(true);
      const invited = await fetch(`http://127.0.0.1:${port}/v1/auth/invitations/${invitation}`);
      expect(invited.status).toBe(200);
      expect(((await invited.json()) as { name: string }).name).toBe('Otieno Ouma');
      // Its tracker is on and counts the three promises followed to their end, one per rating.
      const trackerPath = /\/t\/[a-z0-9-]+/.exec(seed.stdout)?.[0];
      const tracker = await fetch(`http://127.0.0.1:${port}${trackerPath}`);
      expect(tracker.status).toBe(200);
      expect(await tracker.text()).toContain('3 promises rated in all');
    } finally {
      await service.stop();
    }
  });

  it('warns at start, without showing it, when ADMIN_TOKEN is short enough to guess', async () => {
    const port = await freePort();
    const service = new ServiceProcess({ ...env, ADMIN_TOKEN: 'letmein', APP_ROLE: 'api', PORT: String(port) });
    try {
      await service.waitForLog(/claimtrack listening/);
      expect(service.stdout).toMatch(/ADMIN_TOKEN is 7 characters long/);
      expect(service.stdout).not.toContain('letmein');
      const me = await fetch(`http://127.0.0.1:${port}/v1/me`, { headers: { authorization: 'Bearer letmein' } });
      expect(me.status).toBe(200);
    } finally {
      await service.stop();
    }
  });
});
