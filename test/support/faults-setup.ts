import { spawn, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import globalSetup from './global-setup';
import { freePort } from './ports';
import { waitFor } from './wait';

declare global {
  var faultsRedis: ChildProcess | undefined;
}

/**
 * The fault tests flush Redis and cut connections to it, and npm test runs them beside the desk's
 * browser tests: so they get a Redis of their own, a `redis-server` started here on a free port
 * and stopped by faults-teardown.ts (or the one TEST_FAULTS_REDIS_URL names). Their databases
 * have a prefix of their own too: the test:faults script appends `faults` to TEST_DB_PREFIX
 * (`claimtrack_testfaults_…`), which never starts with another run's `claimtrack_test_`, so
 * neither run's teardown drops the other's databases.
 */
export default async function faultsSetup(): Promise<void> {
  if (process.env.TEST_FAULTS_REDIS_URL) {
    process.env.TEST_REDIS_URL = process.env.TEST_FAULTS_REDIS_URL;
  } else {
    const port = await freePort();
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    globalThis.faultsRedis = server;
    process.env.TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
    const answers = async () => {
      const redis = new Redis(process.env.TEST_REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      redis.on('error', () => {}); // not up yet: asked again
      try {
        await redis.connect();
        return (await redis.ping()) === 'PONG';
      } finally {
        redis.disconnect();
      }
    };
    await waitFor(answers, { timeoutMs: 10_000, what: `a redis-server on port ${port}` });
  }
  await globalSetup();
}
