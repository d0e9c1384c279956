import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthService } from '../accounts/auth.service';
import { SESSION_COOKIE } from '../accounts/session-cookie';
import { hashToken } from '../accounts/tokens';
import type { Actor } from '../common/auth/actor';

/** The credential a stream was opened with, checked again while the stream lasts. */
export interface StreamCredential {
  /** Streams opened with the same credential share one check. */
  key: string;
  /** Still the same active user: the token not rotated or revoked, the user not deactivated. */
  stillValid(): Promise<boolean>;
}

/**
 * An open stream outlives the request that the AuthGuard checked: a token replaced or revoked
 * since, a session ended since (sign-out, revocation, password reset, expiry), or a user
 * deactivated since, ends the stream at the next check (LiveHub, every few seconds).
 */
@Injectable()
export class LiveCredentials {
  constructor(private readonly auth: AuthService) {}

  of(request: FastifyRequest, actor: Actor): StreamCredential | null {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token) {
      const hash = hashToken(token);
      return {
        key: `token:${hash.toString('base64url')}`,
        stillValid: async () => (await this.auth.actorForTokenHash(hash))?.userId === actor.userId,
      };
    }
    // As the AuthGuard: the session cookie counts only without a bearer token.
    const session = request.cookies?.[SESSION_COOKIE];
    if (session) {
      const hash = hashToken(session);
      return {
        key: `session:${hash.toString('base64url')}`,
        stillValid: async () => (await this.auth.actorForSessionHash(hash))?.userId === actor.userId,
      };
    }
    return null;
  }
}
