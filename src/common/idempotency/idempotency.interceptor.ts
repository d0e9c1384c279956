import { createHash } from 'node:crypto';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Actor } from '../auth/actor';
import { SecretBox } from '../crypto/secret-box';
import { AppError } from '../http/app-error';
import { IDEMPOTENT, type IdempotentOptions } from './idempotent.decorator';
import { IdempotencyStore } from './idempotency.store';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Response headers replayed along with the body. */
const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * `Idempotency-Key` on creating POSTs: the same key and body within 24 h returns the first
 * response again; another body is 422 IDEMPOTENCY_KEY_REUSED; a repeat while the first is in
 * flight is 409 IDEMPOTENCY_KEY_IN_FLIGHT. Keys are scoped to the caller's workspace. Only
 * successful responses are remembered: a failed request may be retried with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
    private readonly secretBox: SecretBox,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    if (!options || header === undefined || !request.actor) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) {
      throw AppError.validation([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.handle(request.actor, key, request, reply, status, options, next));
  }

  private async handle(
    actor: Actor,
    key: string,
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    options: IdempotentOptions,
    next: CallHandler,
  ): Promise<unknown> {
    const scope = actor.workspaceId;
    const claim = await this.store.claim(scope, key, requestHash(request, actor.userId));
    if (actor.replayOnly && claim.kind !== 'replay' && claim.kind !== 'in-flight') {
      if (claim.kind === 'owned') await this.store.release(scope, key);
      throw new AppError(
        'UNAUTHENTICATED',
        'The token is unknown, rotated, or belongs to an inactive user',
        {},
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
    }
    switch (claim.kind) {
      case 'mismatch':
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request in the last 24 hours');
      case 'in-flight':
        throw new AppError(
          'IDEMPOTENCY_KEY_IN_FLIGHT',
          'A request with this Idempotency-Key is still being processed; retry shortly',
          {},
          { 'retry-after': '1' },
        );
      case 'replay': {
        for (const [name, value] of Object.entries(claim.headers)) reply.header(name, value);
        reply.header('idempotent-replayed', 'true');
        return options.sensitive ? JSON.parse(await this.secretBox.open(claim.body as string)) : claim.body;
      }
      case 'owned':
        break;
    }

    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.store.release(scope, key).catch((releaseError: unknown) => this.logger.warn({ err: releaseError }, 'could not release idempotency key'));
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    const stored = options.sensitive ? await this.secretBox.seal(JSON.stringify(body)) : body;
    await this.store.complete(scope, key, status, stored, headers);
    return body;
  }
}

/**
 * Caller, method, path and canonical body: what makes two requests "the same". The caller
 * counts: under one key, another person of the workspace never gets the first one's answer
 * (their token, their calendar address) but a 422.
 */
function requestHash(request: FastifyRequest, userId: string): Buffer {
  const path = request.url.split('?')[0];
  return createHash('sha256')
    .update(`${userId} ${request.method} ${path}\n${canonicalJson(request.body ?? null)}`)
    .digest();
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
