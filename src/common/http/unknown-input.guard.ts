import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error';

/**
 * An unknown query parameter or body field is a 400 on every /v1 route (docs/api.md, "Bad
 * input"). Routes that read their query or body with a DTO already refuse unknown fields in the
 * validation pipe; this guard covers the routes that take no query or no body at all, which
 * would otherwise ignore one silently.
 */
@Injectable()
export class UnknownInputGuard implements CanActivate {
  /** Per handler: the kinds of input (query, body) it reads. */
  private readonly inputsRead = new WeakMap<object, Set<RouteParamtypes>>();

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.url.startsWith('/v1/')) return true;
    const queryNames = Object.keys(request.query ?? {});
    if (queryNames.length > 0 && !this.reads(context, RouteParamtypes.QUERY)) {
      throw AppError.validation(queryNames.map((name) => ({ field: name, message: 'is not a query parameter of this route' })));
    }
    const body: unknown = request.body;
    const bodyFields = body !== null && typeof body === 'object' ? Object.keys(body) : [];
    if (bodyFields.length > 0 && !this.reads(context, RouteParamtypes.BODY)) {
      throw AppError.validation(bodyFields.map((field) => ({ field, message: 'is not a known field (this route takes no body)' })));
    }
    return true;
  }

  private reads(context: ExecutionContext, input: RouteParamtypes): boolean {
    const handler = context.getHandler();
    let inputs = this.inputsRead.get(handler);
    if (inputs === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, unknown>;
      inputs = new Set(Object.keys(args).map((key) => Number(key.split(':')[0]) as RouteParamtypes));
      this.inputsRead.set(handler, inputs);
    }
    return inputs.has(input);
  }
}
