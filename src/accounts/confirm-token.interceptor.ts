import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, type Observable } from 'rxjs';
import { AuthService, invalidToken } from './auth.service';

/**
 * A request whose actor this host took from memory (Actor.unconfirmedToken) and that failed
 * before its write confirmed the token is answered only once the token is looked up: a token no
 * longer good gets its 401, not what the route would have said (a 422 telling which assignee is
 * not a member, say). A success needs nothing here: the write confirmed the token.
 */
@Injectable()
export class ConfirmTokenOnError implements NestInterceptor {
  constructor(private readonly auth: AuthService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const tokenHash = context.switchToHttp().getRequest<FastifyRequest>().actor?.unconfirmedToken;
    if (!tokenHash) return next.handle();
    return next.handle().pipe(
      catchError(async (error: unknown) => {
        if (!(await this.auth.actorForTokenHash(tokenHash))) throw invalidToken();
        throw error;
      }),
    );
  }
}
