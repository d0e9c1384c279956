import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../common/http/app-error';
import { sendProblem } from '../common/http/problem-details.filter';

/**
 * The addresses the desk's own router answers (docs/desk.md, "Screens"). Only these fall back to
 * index.html: /v1, /docs, /health, /metrics, /cal and the public tracker (/t/*) stay the API's,
 * and any other address is the API's 404 problem document.
 */
export const DESK_ADDRESSES = [
  '/',
  '/login',
  '/invite/:code',
  '/reset/:code',
  '/claims',
  '/claims/*',
  '/sources',
  '/sources/*',
  '/inbox',
  '/reminders',
  '/settings',
] as const;

/** Hashed asset names change with their content, so a year is safe; the page itself never is. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
const PAGE_CACHE = 'no-cache';

/**
 * The desk's Content Security Policy: scripts, styles and connections from this origin only,
 * never inline script; no framing, no plugins, no <base> tricks.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/**
 * Where `npm run build` puts the desk: dist/desk beside dist/src. The compiled server runs from
 * dist/src; the test runner runs src/ itself, so both places are looked at.
 */
export function findDeskRoot(): string | null {
  const candidates = [join(__dirname, '..', '..', 'desk'), join(__dirname, '..', '..', 'dist', 'desk')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the built desk: its hashed assets under /assets, and index.html for every desk address
 * (the browser-side router takes it from there). Helmet's headers (CSP, nosniff, Referrer-Policy,
 * frame and opener policies) apply to these responses only, inside this plugin's encapsulated
 * context: the API's answers keep their own headers, and /docs keeps Swagger UI working.
 */
export async function deskPlugin(fastify: FastifyInstance, options: { root: string }): Promise<void> {
  await fastify.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    hsts: false,
  });
  await fastify.register(fastifyStatic, { root: options.root, serve: false, cacheControl: false, etag: true, lastModified: true });

  // A path that tries to leave the assets folder, or any file error, is a problem document like
  // every other error of this service, never the file server's own format. The service's own
  // refusals (a NUL in a deep link's id, say) keep their status and code.
  fastify.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, error, request.id);
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'desk asset failed');
    sendProblem(reply, status >= 500 ? new AppError('INTERNAL', 'The desk could not be served') : AppError.notFound('This file'), request.id);
  });

  const sendPage = (reply: FastifyReply) => reply.header('Cache-Control', PAGE_CACHE).sendFile('index.html');
  for (const address of DESK_ADDRESSES) fastify.get(address, (_request, reply) => sendPage(reply));
  fastify.get<{ Params: { '*': string } }>('/assets/*', (request, reply) =>
    reply.header('Cache-Control', ASSET_CACHE).sendFile(`assets/${request.params['*']}`),
  );
}
