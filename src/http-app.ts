import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { AuthService } from './accounts/auth.service';
import { hashToken } from './accounts/tokens';
import { AppModule } from './app.module';
import { AppError } from './common/http/app-error';
import { answerClientError, answerConnect, answerUnknownExpectation, frameworkError } from './common/http/framework-errors';
import { findInvalidUtf8, findUnstorableInput, unreadableBodyEncoding } from './common/http/input-hygiene';
import { loggableUrl } from './common/logging/loggable-url';
import { answerWithProblem, ProblemDetailsFilter, sendProblem } from './common/http/problem-details.filter';
import { RouteTable } from './common/http/route-table';
import { createValidationPipe } from './common/http/validation';
import { PinoNestLogger } from './common/logging/logger';
import { instrumentHttp } from './common/metrics/metrics';
import type { AppConfig } from './config/env';
import { deskPlugin, findDeskRoot } from './desk/desk-static';
import { API_DOCS_PATH, setUpApiDocs } from './docs/api-docs';
import { DASHBOARD_PATH, mountQueueDashboard } from './health/queue-dashboard';
import { JobQueue } from './queues/job-queue.service';
import { ALL_QUEUES } from './queues/jobs';

/** Where routes served by a library, not by Nest, begin: the API reference (/docs, /docs-json…) and the queue dashboard. */
const LIBRARY_ROUTES = [`/${API_DOCS_PATH}`, DASHBOARD_PATH];

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Builds the HTTP application (not yet listening): Fastify with a 1 MB body limit and request
 * ids, the problem-details filter, validation, metrics, the API docs and the queue dashboard.
 */
export async function createHttpApp(config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new OneLinePerRequest({ requestIdLogLabel: 'requestId' }),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    // Behind the one reverse proxy TRUST_PROXY speaks of, the client is the address that proxy
    // appended to X-Forwarded-For, the last one: what comes before it, the client wrote itself.
    // So only the immediate peer (hop 0, the proxy) is trusted to report an address.
    trustProxy: config.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    // Errors raised before a route runs are problem details too (docs/api.md, "Conventions").
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, frameworkError(error), request.id),
    clientErrorHandler: answerClientError,
  });
  const fastify = adapter.getInstance();
  // Nest's filter answers the routes Nest serves. The API reference and the queue dashboard are
  // served by their libraries, whose own error handlers answer in other formats (the dashboard's
  // a 500 for a refused input): their routes answer errors as problem documents too.
  fastify.addHook('onRoute', (route) => {
    if (LIBRARY_ROUTES.some((prefix) => route.url.startsWith(prefix))) route.errorHandler = answerWithProblem;
  });
  fastify.server.on('checkExpectation', answerUnknownExpectation);
  fastify.server.on('connect', answerConnect);
  const routes = new RouteTable();
  routes.attach(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    // The API's answers are one person's view of a workspace: never kept by a shared cache, never
    // read by a browser as anything but their declared type. A route may set its own caching.
    if (request.url.startsWith('/v1/')) reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
    done();
  });
  // JSON in and out: other media types are 415, and a JSON body must be an object of text that
  // can be stored.
  fastify.removeContentTypeParser('text/plain');
  // Read as bytes, so that a body that is not UTF-8 is refused rather than decoded with U+FFFD.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    const unreadable = unreadableBodyEncoding(request.headers);
    if (unreadable) {
      done(new AppError('UNSUPPORTED_MEDIA_TYPE', unreadable), undefined);
      return;
    }
    const notUtf8 = findInvalidUtf8(body);
    if (notUtf8) {
      done(AppError.validation([notUtf8]), undefined);
      return;
    }
    const text = body.toString('utf8');
    // Many clients label every request JSON, a DELETE too: an empty body is no body, and a
    // route that needs one says which fields are missing.
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, text, (error, value) => {
      if (!error) done(null, value);
      // Valid JSON that the parser still refused holds a key that could poison prototypes.
      else if (isJson(text)) done(AppError.validation([{ field: 'body', message: 'holds a __proto__ or constructor.prototype key' }]), undefined);
      else done(AppError.validation([{ field: 'body', message: 'is not valid JSON' }]), undefined);
    });
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const body: unknown = request.body;
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      done(AppError.validation([{ field: 'body', message: 'must be a JSON object' }]));
      return;
    }
    // Text PostgreSQL cannot store or that is not Unicode, anywhere in the request: one check for every route.
    const unstorable = findUnstorableInput(request);
    done(unstorable ? AppError.validation([unstorable]) : undefined);
  });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    bodyParser: false, // Fastify's own JSON parser, under bodyLimit; no form bodies
  });
  await app.register(fastifyCookie);
  instrumentHttp(fastify, app.get(Registry));
  app.useGlobalFilters(new ProblemDetailsFilter(routes));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setUpApiDocs(app);
  const jobs = app.get(JobQueue);
  const auth = app.get(AuthService);
  const isInstanceAdmin = async (token: string) => (await auth.actorForTokenHash(hashToken(token)))?.isInstanceAdmin === true;
  await mountQueueDashboard(
    fastify,
    ALL_QUEUES.map((name) => jobs.queue(name)),
    isInstanceAdmin,
  );
  // The web desk, when it has been built (npm run build); the API works without it.
  const deskRoot = findDeskRoot();
  if (deskRoot) await fastify.register(deskPlugin, { root: deskRoot });
  else logger.warn('the desk is not built (npm run build): PUBLIC_URL/ serves only the API');
  await app.init();
  return app;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One log line per request, when it completes, carrying its request id. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: loggableUrl(request), status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}
