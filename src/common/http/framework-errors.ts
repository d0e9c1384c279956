import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError } from 'fastify';
import { AppError, ERROR_CODES, problemOf, type ErrorCode } from './app-error';

/**
 * Errors Fastify raises before a route runs (its router's `frameworkErrors`), as AppErrors, so
 * that they leave as problem details like every other error (docs/api.md, "Conventions").
 */
export function frameworkError(error: FastifyError): AppError {
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('URI_TOO_LONG', 'A path parameter is longer than any id this API uses');
    case 'FST_ERR_BAD_URL':
      return AppError.validation([{ field: 'url', message: 'is not a valid URL (bad percent-encoding)' }]);
    default:
      return AppError.validation([{ field: 'request', message: 'could not be read' }]);
  }
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers too large, a
 * malformed header or content length, a request that took too long to arrive). Node would
 * answer those with a bare status line; this writes a problem document instead, then closes the
 * connection, which is all HTTP lets a server do with a request it could not parse.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : 'VALIDATION_FAILED';
  const { status, title } = ERROR_CODES[code];
  const detail =
    code === 'HEADERS_TOO_LARGE'
      ? 'The request headers are larger than the server accepts'
      : code === 'REQUEST_TIMEOUT'
        ? 'The request did not arrive in time'
        : 'The request is not valid HTTP (a malformed header, method or content length)';
  const body = problemJson(code, detail, code === 'VALIDATION_FAILED' ? { errors: [{ field: 'request', message: 'is not valid HTTP' }] } : {});
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\n` +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/**
 * Node answers an `Expect` header it does not know (anything but `100-continue`) with a bare 417
 * before Fastify sees the request; with this as its `checkExpectation` listener, the 417 is a
 * problem document like every other refusal.
 */
export function answerUnknownExpectation(request: IncomingMessage, response: ServerResponse): void {
  const expected = JSON.stringify(String(request.headers.expect).slice(0, 100));
  const body = problemJson('EXPECTATION_FAILED', `This server meets no expectation but 100-continue (the request expected ${expected})`);
  response
    .writeHead(ERROR_CODES.EXPECTATION_FAILED.status, {
      'content-type': 'application/problem+json',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    })
    .end(body);
}

/**
 * Node hands a CONNECT request (a proxy tunnel) to the server's `connect` listeners rather than
 * to Fastify, and with none it drops the connection without a word. This is no proxy: the answer
 * is a 405 problem document, then the connection closes.
 */
export function answerConnect(request: IncomingMessage, socket: Socket): void {
  if (socket.destroyed) return;
  const body = problemJson('METHOD_NOT_ALLOWED', 'CONNECT is not allowed here: this server is not a proxy');
  const { status, title } = ERROR_CODES.METHOD_NOT_ALLOWED;
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\n` +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
  request.resume();
}

/** The problem document, as text, for answers given before Fastify has a reply to send it. */
function problemJson(code: ErrorCode, detail: string, extensions: Record<string, unknown> = {}): string {
  return JSON.stringify(problemOf(new AppError(code, detail, extensions), randomUUID()));
}
