import { startApp, type TestApp } from './app';
import { createTestDatabase } from './databases';
import { PG_PORT, REDIS_PORT } from './services';
import { TcpProxy } from './tcp-proxy';
import { waitFor } from './wait';

/** An app that reaches PostgreSQL and Redis through loopback proxies a test can stop and start. */
export interface AppBehindProxies {
  t: TestApp;
  pg: TcpProxy;
  redis: TcpProxy;
  /** Brings both services back, lets the app see them, then closes it and drops its database. */
  close(): Promise<void>;
}

/**
 * Stopping a proxy leaves a port where nothing listens, as when the service is down; starting
 * it again is the service coming back.
 */
export async function startAppBehindProxies(): Promise<AppBehindProxies> {
  const db = await createTestDatabase();
  const pg = new TcpProxy(PG_PORT);
  const redis = new TcpProxy(REDIS_PORT);
  await pg.start();
  await redis.start();
  const url = pg.urlFor(db.url);
  const t = await startApp({ databaseUrl: url, redisUrl: `redis://127.0.0.1:${redis.port}` }, { ...db, url });
  return {
    t,
    pg,
    redis,
    close: async () => {
      await pg.start().catch(() => undefined);
      await redis.start().catch(() => undefined);
      // Closing while the clients are still reconnecting leaves handles open: let them see the services first.
      await waitFor(async () => (await t.http.get('/health')).status === 200, { timeoutMs: 20_000, what: 'recovery' }).catch(() => undefined);
      await t.close();
      await pg.stop();
      await redis.stop();
      await db.drop();
    },
  };
}
