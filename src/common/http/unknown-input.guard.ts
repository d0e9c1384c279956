import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error';

/**
 * An unknown query parameter is a 400 on every /v1 route (docs/api.md, "Bad input"). Routes
 * that read their query with a DTO already refuse unknown fields in the validation pipe; this
 * guard covers the routes that take no query at all, which would otherwise ignore one silently.
 */
@Injectable()
export class UnknownQueryGuard implements CanActivate {
  /** Per handler: whether it reads its query string. */
  private readonly readsQuery = new WeakMap<object, boolean>();

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.url.startsWith('/v1/')) return true;
    const names = Object.keys(request.query ?? {});
    if (names.length === 0 || this.takesQuery(context)) return true;
    throw AppError.validation(names.map((name) => ({ field: name, message: 'is not a query parameter of this route' })));
  }

  private takesQuery(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let reads = this.readsQuery.get(handler);
    if (reads === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, unknown>;
      reads = Object.keys(args).some((key) => Number(key.split(':')[0]) === Number(RouteParamtypes.QUERY));
      this.readsQuery.set(handler, reads);
    }
    return reads;
  }
}
