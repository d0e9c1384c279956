import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from './roles';

/** Who is making a request: resolved once per request by the AuthGuard from a bearer token or a session cookie. */
export interface Actor {
  userId: string;
  workspaceId: string;
  workspaceName: string;
  role: Role;
  name: string;
  email: string;
  isInstanceAdmin: boolean;
  /** The person's own time zone, or null (the workspace's applies). */
  timezone: string | null;
  /** false: this person asked for no daily digest. */
  digest: boolean;
  /** The desk session the request came with; absent for bearer tokens. */
  sessionId?: string;
  /**
   * The bearer token was rotated away by a request with this Idempotency-Key: it may fetch that
   * request's stored answer again, and nothing else (ReplayAfterRotation).
   */
  replayOnly?: true;
  /**
   * The bearer token's hash, when this host answered from memory whose token it is rather than
   * asking PostgreSQL: the route's write confirms the token is still valid, in the statement that
   * writes (WriteConfirmsToken), and until it has, the caller is shown nothing.
   */
  unconfirmedToken?: Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<FastifyRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});

export const PUBLIC_ROUTE = 'claimtrack:public';
export const MIN_ROLE = 'claimtrack:min-role';
export const INSTANCE_ADMIN_ONLY = 'claimtrack:instance-admin';
export const REPLAY_AFTER_ROTATION = 'claimtrack:replay-after-rotation';
export const WRITE_CONFIRMS_TOKEN = 'claimtrack:write-confirms-token';

/** No bearer token needed (health, metrics). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** The lowest workspace role allowed to call this route (403 FORBIDDEN below it). */
export const MinRole = (role: Role) => SetMetadata(MIN_ROLE, role);
/** Only the instance admin behind `ADMIN_TOKEN`. */
export const InstanceAdminOnly = () => SetMetadata(INSTANCE_ADMIN_ONLY, true);
/**
 * A token rotation may be retried with the token it rotated away (a client whose answer was
 * lost still holds only that one): with the same Idempotency-Key, within the key's 24 hours,
 * such a request gets the stored answer — the new token — and can do nothing else.
 */
export const ReplayAfterRotation = () => SetMetadata(REPLAY_AFTER_ROTATION, true);
/**
 * The route's one write checks, in the statement that writes, that the bearer token is still
 * valid (Actor.unconfirmedToken), and writes nothing when it is not: the guard may then take the
 * token's actor from this host's memory instead of looking it up first. A revoked token or a
 * deactivated user is still refused at once, on every host: by the write itself.
 */
export const WriteConfirmsToken = () => SetMetadata(WRITE_CONFIRMS_TOKEN, true);
