import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/http/app-error';
import { RateLimiter } from '../common/http/rate-limiter';
import { INSTANCE_ADMIN_ONLY, MIN_ROLE, PUBLIC_ROUTE, REPLAY_AFTER_ROTATION, WRITE_CONFIRMS_TOKEN, type Actor } from '../common/auth/actor';
import { AuthService, invalidToken } from './auth.service';
import { roleAtLeast, type Role } from '../common/auth/roles';
import { hashToken } from './tokens';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { isCrossSiteWrite, SESSION_COOKIE } from './session-cookie';

/**
 * Every route needs a bearer token or a desk session unless marked `@Public()`. In order: the
 * same-origin rule for cookie-carried writes (403, public routes included), the per-credential
 * rate limit (before any database work), the credential itself (401), then the route's role (403).
 * On a route whose write confirms the token (WriteConfirmsToken), a bearer token this host has
 * looked up before is taken from memory: that write refuses it if it is no longer good.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly rateLimiter: RateLimiter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publicOrigin = new URL(config.publicUrl).origin;
  }

  private readonly publicOrigin: string;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request.headers.authorization);
    const session = token ? undefined : request.cookies?.[SESSION_COOKIE];
    if (session !== undefined && isCrossSiteWrite(request.method, request.headers, this.publicOrigin)) {
      throw AppError.forbidden('A request signed in by cookie that changes something must come from the desk itself');
    }
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const keyed = request.headers['idempotency-key'] !== undefined;
    const replayable = token !== null && keyed && this.reflector.get<boolean>(REPLAY_AFTER_ROTATION, context.getHandler());
    // Not with an Idempotency-Key: the key is stored before the route's write could confirm the token.
    const writeConfirms = token !== null && !keyed && this.reflector.get<boolean>(WRITE_CONFIRMS_TOKEN, context.getHandler());
    const actor = token ? await this.tokenActor(token, replayable, writeConfirms) : session ? await this.sessionActor(session) : null;
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in, or send Authorization: Bearer <token>', {}, { 'www-authenticate': 'Bearer' });
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

  private async tokenActor(token: string, replayable: boolean, writeConfirms: boolean): Promise<Actor> {
    const tokenHash = hashToken(token);
    await this.rateLimiter.consume(tokenHash.toString('base64url'));
    const remembered = writeConfirms ? this.auth.rememberedActor(tokenHash) : undefined;
    if (remembered) return { ...remembered, unconfirmedToken: tokenHash };
    const actor = (await this.auth.actorForTokenHash(tokenHash)) ?? (replayable ? await this.auth.actorForRotatedTokenHash(tokenHash) : null);
    if (!actor) throw invalidToken();
    return actor;
  }

  private async sessionActor(cookie: string) {
    const sessionHash = hashToken(cookie);
    await this.rateLimiter.consume(sessionHash.toString('base64url'));
    const actor = await this.auth.actorForSessionHash(sessionHash);
    if (!actor) throw new AppError('UNAUTHENTICATED', 'The session has ended; sign in again');
    return actor;
  }
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
