import { PG_SERVER } from './databases';

/**
 * The real services the tests use. A second checkout on the same machine can point its run
 * at a Redis of its own (TEST_REDIS_URL): the fault tests flush the Redis they are given.
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const REDIS_PORT = Number(new URL(TEST_REDIS_URL).port || 6379);
export const PG_PORT = Number(new URL(PG_SERVER).port || 5432);
