import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/http/app-error';
import { RateLimiter } from '../common/http/rate-limiter';
import { INSTANCE_ADMIN_ONLY, MIN_ROLE, PUBLIC_ROUTE } from '../common/auth/actor';
import { AuthService } from './auth.service';
import { roleAtLeast, type Role } from '../common/auth/roles';
import { hashToken } from './tokens';

/**
 * Every route needs a bearer token unless marked `@Public()`. In order: the per-token rate
 * limit (before any database work), the token itself (401), then the route's role (403).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <token>', {}, { 'www-authenticate': 'Bearer' });
    const tokenHash = hashToken(token);
    await this.rateLimiter.consume(tokenHash.toString('base64url'));

    const actor = await this.auth.actorForTokenHash(tokenHash);
    if (!actor)
      throw new AppError(
        'UNAUTHENTICATED',
        'The token is unknown, rotated, or belongs to an inactive user',
        {},
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
    request.actor = actor;

    if (this.reflector.getAllAndOverride<boolean>(INSTANCE_ADMIN_ONLY, targets) && !actor.isInstanceAdmin) {
      throw AppError.forbidden('Only the instance admin may do this');
    }
    const minRole = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets);
    if (minRole && !roleAtLeast(actor.role, minRole)) {
      throw AppError.forbidden(`This needs the ${minRole} role; you are ${actor.role}`);
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
