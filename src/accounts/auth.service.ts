import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import type { Role } from '../common/auth/roles';
import { PreparedStatement } from '../database/prepared-statement';
import type { Tx } from '../database/transaction';

interface ActorRow {
  user_id: string;
  workspace_id: string;
  workspace_name: string;
  role: Role;
  name: string;
  email: string;
  is_instance_admin: boolean;
  timezone: string | null;
  digest: boolean;
}

/** A session unused this long has ended (docs/api.md, "Signing in (people)"). */
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
/** A session lasts this long in all. */
export const SESSION_LIFETIME_MS = 30 * 24 * 3600_000;
/** lastSeenAt is written at most this often per session, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

const ACTOR_COLUMNS = `u.id AS user_id, u.workspace_id, w.name AS workspace_name, u.role, u.name, u.email, u.is_instance_admin, u.timezone, u.digest`;

/** A good bearer token (`t`, of api_tokens) of an active user (`u`): its hash is the parameter `tokenHash`. */
const goodToken = (tokenHash: string) => `t.token_hash = ${tokenHash} AND t.revoked_at IS NULL AND u.active`;

/** Every request asks one of these two (a bearer token or a session cookie): prepared once per connection. */
const ACTOR_FOR_TOKEN = new PreparedStatement<ActorRow>(
  'auth.actor-for-token',
  `SELECT ${ACTOR_COLUMNS}
     FROM api_tokens t
     JOIN users u ON u.id = t.user_id
     JOIN workspaces w ON w.id = u.workspace_id
    WHERE ${goodToken('$1')}`,
);

/**
 * The condition ACTOR_FOR_TOKEN finds a token by, for a statement that confirms a token this host
 * remembers (WriteConfirmsToken): `tokenHash` its hash, `userId` the user it was found to be of.
 */
export function tokenStillValid(tokenHash: string, userId: string): string {
  return `EXISTS (SELECT 1 FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE ${goodToken(tokenHash)} AND u.id = ${userId})`;
}

/** The 401 for a bearer token that is not (or no longer) good. */
export function invalidToken(): AppError {
  return new AppError(
    'UNAUTHENTICATED',
    'The token is unknown, rotated, or belongs to an inactive user',
    {},
    { 'www-authenticate': 'Bearer error="invalid_token"' },
  );
}

/** How many bearer tokens' actors a host remembers for WriteConfirmsToken routes (about 1 kB each). */
const REMEMBERED_TOKENS = 10_000;

/** $2 the idle limit, $3 how often last_seen_at is written (both in ms); `stale`: time to write it. */
const ACTOR_FOR_SESSION = new PreparedStatement<ActorRow & { session_id: string; stale: boolean }>(
  'auth.actor-for-session',
  `SELECT ${ACTOR_COLUMNS}, s.id AS session_id, s.last_seen_at < now() - $3 * interval '1 millisecond' AS stale
     FROM sessions s
     JOIN users u ON u.id = s.user_id
     JOIN workspaces w ON w.id = u.workspace_id
    WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now()
      AND s.last_seen_at > now() - $2 * interval '1 millisecond' AND u.active`,
);

/** Resolves a bearer token or a session cookie to its user in one indexed query. */
@Injectable()
export class AuthService {
  /** The actors of the bearer tokens this host looked up, by hash, the least recently looked up first. */
  private readonly remembered = new Map<string, Actor>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async actorForTokenHash(tokenHash: Buffer): Promise<Actor | null> {
    const rows = await ACTOR_FOR_TOKEN.rows(this.dataSource, [tokenHash]);
    const key = tokenHash.toString('base64url');
    this.remembered.delete(key);
    if (!rows[0]) return null;
    const actor = actorOf(rows[0]);
    this.remembered.set(key, actor);
    if (this.remembered.size > REMEMBERED_TOKENS) this.remembered.delete(this.remembered.keys().next().value!);
    return actor;
  }

  /**
   * The token's actor as this host last looked it up, unconfirmed: only for a route whose write
   * confirms the token (WriteConfirmsToken). A token this host never saw, or saw refused, is not here.
   */
  rememberedActor(tokenHash: Buffer): Actor | undefined {
    return this.remembered.get(tokenHash.toString('base64url'));
  }

  /**
   * The active user of a token rotated away within the last 24 hours (the life of an
   * Idempotency-Key), allowed only to replay the rotation that replaced it.
   */
  async actorForRotatedTokenHash(tokenHash: Buffer): Promise<Actor | null> {
    const rows: ActorRow[] = await this.dataSource.query(
      `SELECT ${ACTOR_COLUMNS}
         FROM api_tokens t
         JOIN users u ON u.id = t.user_id
         JOIN workspaces w ON w.id = u.workspace_id
        WHERE t.token_hash = $1 AND t.revoked_at > now() - interval '24 hours' AND u.active`,
      [tokenHash],
    );
    return rows[0] ? { ...actorOf(rows[0]), replayOnly: true } : null;
  }

  /** An active user as an actor (after a sign-in or a change to their profile). */
  async actorForUser(userId: string, tx?: Tx): Promise<Actor | null> {
    const sql = `SELECT ${ACTOR_COLUMNS} FROM users u JOIN workspaces w ON w.id = u.workspace_id WHERE u.id = $1 AND u.active`;
    const rows: ActorRow[] = tx ? await tx.rows<ActorRow>(sql, [userId]) : await this.dataSource.query(sql, [userId]);
    return rows[0] ? actorOf(rows[0]) : null;
  }

  /**
   * The user behind a session cookie, if the session is still open: not ended, used within
   * 7 days, younger than 30 days, its user active. Checked against PostgreSQL on every request,
   * so an ended session is dead at once on every API host.
   */
  async actorForSessionHash(tokenHash: Buffer): Promise<Actor | null> {
    const rows = await ACTOR_FOR_SESSION.rows(this.dataSource, [tokenHash, SESSION_IDLE_MS, LAST_SEEN_RESOLUTION_MS]);
    const row = rows[0];
    if (!row) return null;
    if (row.stale) await this.dataSource.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [row.session_id]);
    return { ...actorOf(row), sessionId: row.session_id };
  }
}

function actorOf(row: ActorRow): Actor {
  return {
    userId: row.user_id,
    workspaceId: row.workspace_id,
    workspaceName: row.workspace_name,
    role: row.role,
    name: row.name,
    email: row.email,
    isInstanceAdmin: row.is_instance_admin,
    timezone: row.timezone,
    digest: row.digest,
  };
}
