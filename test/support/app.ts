import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createRootLogger } from '../../src/common/logging/logger';
import { loadConfig, type AppConfig } from '../../src/config/env';
import { createHttpApp } from '../../src/http-app';
import { createTestDatabase, type TestDatabase } from './databases';
import { HttpClient } from './http';
import { TEST_REDIS_URL } from './services';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: TestDatabase;
  http: HttpClient;
  /** The instance admin's client (ADMIN_TOKEN). */
  admin: HttpClient;
  close(): Promise<void>;
}

/** Settings for a test process: its own database and BullMQ prefix, quiet logs. */
export function testConfig(db: TestDatabase, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({}),
    databaseUrl: db.url,
    redisUrl: TEST_REDIS_URL,
    queuePrefix: `t${randomBytes(4).toString('hex')}`,
    adminToken: `admin-${randomBytes(12).toString('hex')}`,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    webhookAllowPrivate: true,
    ...overrides,
  };
}

/** Starts the real HTTP app (APP_ROLE=all unless overridden) on a free loopback port. */
export async function startApp(overrides: Partial<AppConfig> = {}, db?: TestDatabase): Promise<TestApp> {
  const database = db ?? (await createTestDatabase());
  const config = testConfig(database, overrides);
  const app = await createHttpApp(config, createRootLogger(config.logLevel));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const http = new HttpClient(`http://127.0.0.1:${port}`);
  return {
    app,
    config,
    db: database,
    http,
    admin: http.as(config.adminToken!),
    close: async () => {
      await app.close();
      if (!db) await database.drop();
    },
  };
}

export interface Desk {
  workspaceId: string;
  admin: HttpClient & { userId: string };
  editor: HttpClient & { userId: string };
  editor2: HttpClient & { userId: string };
  checker: HttpClient & { userId: string };
}

/** A new workspace with an admin, two editors and a checker (each test makes its own). */
export async function createDesk(testApp: TestApp, label = 'desk'): Promise<Desk> {
  const suffix = randomBytes(4).toString('hex');
  const ws = await testApp.admin.post('/v1/workspaces', { name: `${label} ${suffix}`, adminEmail: `admin.${suffix}@desk.example` });
  if (ws.status !== 201) throw new Error(`workspace: ${ws.status} ${ws.text}`);
  const admin = Object.assign(testApp.http.as(ws.body.admin.token), { userId: ws.body.admin.id as string });
  const user = async (role: string, name: string) => {
    const r = await admin.post('/v1/users', { email: `${name.toLowerCase()}.${suffix}@desk.example`, name, role });
    if (r.status !== 201) throw new Error(`user: ${r.status} ${r.text}`);
    return Object.assign(testApp.http.as(r.body.token), { userId: r.body.id as string });
  };
  return {
    workspaceId: ws.body.id,
    admin,
    editor: await user('editor', 'Achieng'),
    editor2: await user('editor', 'Baraka'),
    checker: await user('checker', 'Chebet'),
  };
}
