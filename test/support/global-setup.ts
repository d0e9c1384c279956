import { migrateDatabase } from '../../src/database/prepare';
import { adminQuery, databaseUrl, TEMPLATE_DATABASE } from './databases';

/** Migrates a fresh template database once; each test file copies it. */
export default async function globalSetup(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await migrateDatabase(databaseUrl(TEMPLATE_DATABASE));
}
