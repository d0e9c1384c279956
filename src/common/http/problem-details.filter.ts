import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, problemOf, type ErrorCode } from './app-error';
import { redactedPath } from '../logging/loggable-url';
import { isUnavailableError } from './unavailable';
import type { RouteTable } from './route-table';

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'GUARD_FAILED',
  428: 'PRECONDITION_REQUIRED',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** Turns any thrown value into an AppError; unknown errors become INTERNAL. */
export function toAppError(error: unknown, request: FastifyRequest, routes?: RouteTable): AppError {
  if (error instanceof AppError) return error;
  if (isUnavailableError(error))
    return new AppError('UNAVAILABLE', 'A backing service (PostgreSQL or Redis) is not answering; try again shortly', {}, { 'retry-after': '5' });
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) {
      const allow = routes?.allowedMethods(request.method, request.url) ?? [];
      if (allow.length > 0) {
        return AppError.methodNotAllowed(request.method, allow);
      }
      return new AppError('NOT_FOUND', `No route ${request.method} ${redactedPath(request.url.split('?')[0])}`);
    }
    const code = STATUS_TO_CODE[status];
    if (code) return new AppError(code, messageOf(error.getResponse()) ?? error.message);
    return new AppError('INTERNAL', 'The request failed');
  }
  if (isPostgresDataException(error)) {
    return AppError.validation([{ field: 'request', message: 'holds a value outside what can be stored' }]);
  }
  // Errors raised by Fastify itself (body parsing, limits) carry a statusCode.
  const fastifyError = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', 'The request body is larger than 1 MB');
    const code = STATUS_TO_CODE[fastifyError.statusCode] ?? 'VALIDATION_FAILED';
    return new AppError(code, typeof fastifyError.message === 'string' ? fastifyError.message : 'The request is invalid');
  }
  return new AppError('INTERNAL', 'An unexpected error occurred; it has been logged');
}

/**
 * PostgreSQL's class 22 (data exception: a number out of range, text it cannot encode, a bad
 * date) means a value got past validation that should not have: the client's fault, so a 400,
 * logged so that the validation can be tightened.
 */
export function isPostgresDataException(error: unknown): boolean {
  const withCode = error as { code?: unknown; driverError?: { code?: unknown } };
  const sqlState = withCode?.driverError?.code ?? withCode?.code;
  return typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState);
}

function messageOf(response: string | object): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}

const httpLogger = new Logger('http');

/** Answers any error as a problem document, logging what an operator should see. */
export function answerWithProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply, routes?: RouteTable): void {
  const error = toAppError(exception, request, routes);
  if (error.code === 'INTERNAL') {
    httpLogger.error({ err: exception, requestId: request.id, route: request.routeOptions?.url }, 'unhandled error');
  } else if (isPostgresDataException(exception)) {
    httpLogger.warn(
      { requestId: request.id, route: request.routeOptions?.url, reason: (exception as Error).message },
      'a value reached PostgreSQL unvalidated',
    );
  } else if (error.code === 'UNAVAILABLE') {
    httpLogger.warn({ requestId: request.id, reason: (exception as Error)?.message }, 'dependency unavailable');
  }
  sendProblem(reply, error, request.id);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly routes?: RouteTable) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    answerWithProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.routes);
  }
}

export function sendProblem(reply: FastifyReply, error: AppError, requestId: string): void {
  if (reply.sent) return;
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  reply
    .status(error.status)
    .type('application/problem+json')
    .send(JSON.stringify(problemOf(error, requestId)));
}
