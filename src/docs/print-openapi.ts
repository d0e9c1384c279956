import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/env';
import { buildOpenApiDocument } from './api-docs';

/**
 * Prints the OpenAPI document (what /docs-json answers) without a database or Redis: Nest's
 * preview mode reads the modules, controllers and their metadata but instantiates no provider,
 * so nothing connects. The desk's API types are generated from this output (npm run api:types).
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, APP_ROLE: 'api' });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  process.stdout.write(`${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`claimtrack: cannot print the OpenAPI document: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
