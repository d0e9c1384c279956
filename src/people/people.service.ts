import { randomBytes } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { CredentialsEnded } from '../accounts/credentials-ended';
import { AuthService, SESSION_IDLE_MS, SESSION_LIFETIME_MS } from '../accounts/auth.service';
import type { MeView } from '../accounts/dto/accounts.dto';
import { hashToken } from '../accounts/tokens';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import { createdKey, decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import { dateTimeIn } from '../common/time/readable';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { inTransaction, type Tx } from '../database/transaction';
import { Notifier } from '../notifications/notifier.service';
import type { AcceptInvitationDto, InvitationInfoView, InvitationView, LoginDto, SessionView, UpdateMeDto } from './dto/people.dto';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { SignInThrottle } from './sign-in-throttle';
import type { SignInCodePurpose } from './sign-in-code.entity';

const SESSION_PAGES = createdKey('sessions');

const INVITATION_MS = 7 * 24 * 3600_000;
const RESET_MS = 3600_000;
/**
 * A reset request is answered no sooner than this: an address with users costs a code, a sealed
 * e-mail and their rows, an unknown one a lookup, and the difference must not show.
 */
const RESET_ANSWER_MS = 250;

/** Who is signing in, from the request: where from and with what. */
export interface SignInContext {
  address: string;
  userAgent: string | null;
}

/** A session just opened: the cookie value (shown once, to the browser) and who it is for. */
export interface OpenedSession {
  cookie: string;
  me: MeView;
}

interface CandidateRow {
  id: string;
  workspace_id: string;
  workspace_name: string;
  password_hash: string | null;
  active: boolean;
}

const WRONG_CREDENTIALS = 'The e-mail address or password is not right';

/**
 * People sign in (docs/api.md, "Signing in (people)"): invitations and resets by one-time codes,
 * passwords as argon2id hashes, server-side sessions. Every wrong credential answers the same
 * 401 after the same work, so answers and timing tell nothing about who exists.
 */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    private readonly credentialsEnded: CredentialsEnded,
    private readonly throttle: SignInThrottle,
    private readonly notifier: Notifier,
  ) {}

  async login(dto: LoginDto, context: SignInContext): Promise<OpenedSession> {
    if (dto.token !== undefined) return this.loginWithToken(dto.token, context);
    const email = dto.email!;
    await this.throttle.check(email, context.address);
    const candidates = await this.dataSource.query<CandidateRow[]>(
      `SELECT u.id, u.workspace_id, w.name AS workspace_name, u.password_hash, u.active
         FROM users u JOIN workspaces w ON w.id = u.workspace_id
        WHERE u.email = $1 ORDER BY w.name, w.id`,
      [email],
    );
    const matches: CandidateRow[] = [];
    if (candidates.length === 0) await verifyPassword(null, dto.password!);
    for (const candidate of candidates) {
      const fits = await verifyPassword(candidate.password_hash, dto.password!);
      if (fits && candidate.active) matches.push(candidate);
    }
    const chosen = dto.workspaceId ? matches.filter((m) => m.workspace_id === dto.workspaceId) : matches;
    if (chosen.length === 0) {
      await this.throttle.failed(email, context.address);
      throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    if (chosen.length > 1) {
      throw AppError.conflict('This e-mail address and password fit users of several workspaces; say which with workspaceId', {
        workspaces: chosen.map((m) => ({ id: m.workspace_id, name: m.workspace_name })),
      });
    }
    return inTransaction(this.dataSource, (tx) => this.openSession(tx, chosen[0].id, context));
  }

  /** The instance admin pastes ADMIN_TOKEN; any other token is a wrong credential. */
  private async loginWithToken(token: string, context: SignInContext): Promise<OpenedSession> {
    await this.throttle.check(null, context.address);
    const actor = await this.auth.actorForTokenHash(hashToken(token));
    if (!actor?.isInstanceAdmin) {
      await this.throttle.failed(null, context.address);
      throw new AppError('UNAUTHENTICATED', 'Only the instance admin signs in with a token; others use their e-mail address and password');
    }
    return inTransaction(this.dataSource, (tx) => this.openSession(tx, actor.userId, context));
  }

  /** Ends the session the request came with. */
  async logout(actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    await this.dataSource.query(`UPDATE sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL`, [actor.sessionId]);
    await this.credentialsEnded.announce();
  }

  async invite(actor: Actor, userId: string): Promise<InvitationView> {
    const user = await this.accounts.getUser(actor, userId);
    if (!user.active) throw AppError.conflict('This user is deactivated; reactivate them before inviting them');
    return inTransaction(this.dataSource, async (tx) => {
      await tx.rows(`UPDATE sign_in_codes SET used_at = now() WHERE user_id = $1 AND purpose = 'invitation' AND used_at IS NULL`, [userId]);
      const { code, expiresAt } = await this.newCode(tx, userId, 'invitation', INVITATION_MS);
      const url = `${this.config.publicUrl}/invite/${code}`;
      await this.mail(tx, actor.workspaceId, user.email, `You are invited to ${actor.workspaceName} on claimtrack`, [
        `${actor.name} invited you to the claimtrack desk of ${actor.workspaceName}.`,
        `Open this link to choose your password and sign in (valid for 7 days, until ${dateTimeIn(expiresAt, 'UTC')} UTC):`,
        url,
      ]);
      return { url, expiresAt: expiresAt.toISOString() };
    });
  }

  async invitation(code: string): Promise<InvitationInfoView> {
    const rows = await this.dataSource.query<Array<{ email: string; name: string; workspace_name: string; expires_at: Date }>>(
      `SELECT u.email, u.name, w.name AS workspace_name, c.expires_at
         FROM sign_in_codes c JOIN users u ON u.id = c.user_id JOIN workspaces w ON w.id = u.workspace_id
        WHERE c.code_hash = $1 AND c.purpose = 'invitation' AND c.used_at IS NULL AND c.expires_at > now() AND u.active`,
      [hashToken(code)],
    );
    if (!rows[0]) throw AppError.notFound('Invitation');
    return { email: rows[0].email, name: rows[0].name, workspace: { name: rows[0].workspace_name }, expiresAt: rows[0].expires_at.toISOString() };
  }

  async acceptInvitation(code: string, dto: AcceptInvitationDto, context: SignInContext): Promise<OpenedSession> {
    return inTransaction(this.dataSource, async (tx) => {
      const user = await this.useCode(tx, code, 'invitation', 'Invitation');
      this.checkPassword(dto.password, user.email, dto.name ?? user.name);
      await tx.rows(`UPDATE users SET password_hash = $2, name = COALESCE($3, name), updated_at = now() WHERE id = $1`, [
        user.id,
        await hashPassword(dto.password),
        dto.name ?? null,
      ]);
      return this.openSession(tx, user.id, context);
    });
  }

  /** Always succeeds from the caller's view: whether the address exists is never told, not even by the time taken. */
  async requestReset(email: string): Promise<void> {
    const answerAt = Date.now() + RESET_ANSWER_MS;
    try {
      await this.mailResets(email);
    } finally {
      await setTimeout(Math.max(0, answerAt - Date.now()));
    }
  }

  private async mailResets(email: string): Promise<void> {
    const users = await this.dataSource.query<Array<{ id: string; email: string; workspace_id: string; workspace_name: string }>>(
      `SELECT u.id, u.email, u.workspace_id, w.name AS workspace_name FROM users u JOIN workspaces w ON w.id = u.workspace_id WHERE u.email = $1 AND u.active`,
      [email],
    );
    for (const user of users) {
      await inTransaction(this.dataSource, async (tx) => {
        const { code } = await this.newCode(tx, user.id, 'reset', RESET_MS);
        await this.mail(tx, user.workspace_id, user.email, 'Reset your claimtrack password', [
          `Someone asked to reset your password for the claimtrack desk of ${user.workspace_name}.`,
          `If it was you, open this link within an hour to choose a new one:`,
          `${this.config.publicUrl}/reset/${code}`,
          'If it was not you, ignore this e-mail: your password stays as it is.',
        ]);
      });
    }
  }

  /** Sets the new password and ends every session of that person. */
  async resetPassword(code: string, password: string): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      const user = await this.useCode(tx, code, 'reset', 'Reset code');
      this.checkPassword(password, user.email, user.name);
      await tx.rows(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [user.id, await hashPassword(password)]);
      await tx.rows(`UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL`, [user.id]);
    });
    await this.credentialsEnded.announce();
  }

  /** PATCH /v1/me: name, time zone, digest, and the password (which needs the current one). */
  async updateMe(actor: Actor, dto: UpdateMeDto): Promise<MeView> {
    if (dto.currentPassword !== undefined && dto.password === undefined) {
      throw AppError.validation([{ field: 'password', message: 'is required with currentPassword' }]);
    }
    await inTransaction(this.dataSource, async (tx) => {
      if (dto.password !== undefined) {
        const [row] = await tx.rows<{ password_hash: string | null }>(`SELECT password_hash FROM users WHERE id = $1 FOR UPDATE`, [actor.userId]);
        if (dto.currentPassword === undefined) throw AppError.validation([{ field: 'currentPassword', message: 'is required to change the password' }]);
        if (!(await verifyPassword(row?.password_hash, dto.currentPassword))) {
          throw AppError.validation([{ field: 'currentPassword', message: 'is not your current password' }]);
        }
        this.checkPassword(dto.password, actor.email, dto.name ?? actor.name);
        await tx.rows(`UPDATE users SET password_hash = $2 WHERE id = $1`, [actor.userId, await hashPassword(dto.password)]);
        await tx.rows(`UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL AND id IS DISTINCT FROM $2`, [
          actor.userId,
          actor.sessionId ?? null,
        ]);
      }
      const sets: string[] = [];
      const values: unknown[] = [actor.userId];
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (dto.name !== undefined) set('name', dto.name);
      if (dto.timezone !== undefined) set('timezone', dto.timezone);
      if (dto.digest !== undefined) set('digest', dto.digest);
      if (sets.length > 0) await tx.rows(`UPDATE users SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values);
    });
    if (dto.password !== undefined) await this.credentialsEnded.announce(); // the other sessions ended
    const updated = await this.auth.actorForUser(actor.userId);
    return this.accounts.me(updated ?? actor);
  }

  async sessions(actor: Actor, limit: number, cursor?: string): Promise<Page<SessionView>> {
    const params: unknown[] = [actor.userId, limit + 1, SESSION_IDLE_MS];
    let after = '';
    if (cursor) {
      const [createdAt, id] = decodeCursor(cursor, SESSION_PAGES);
      params.push(createdAt, id);
      after = `AND (created_at, id) > ($4, $5)`;
    }
    const rows = await this.dataSource.query<Array<{ id: string; created_at: Date; last_seen_at: Date; user_agent: string | null }>>(
      `SELECT id, created_at, last_seen_at, user_agent FROM sessions
        WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() AND last_seen_at > now() - $3 * interval '1 millisecond' ${after}
        ORDER BY created_at, id LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      limit,
      SESSION_PAGES,
      (r) => [r.created_at.toISOString(), r.id],
      (r) => ({
        id: r.id,
        createdAt: r.created_at.toISOString(),
        lastSeenAt: r.last_seen_at.toISOString(),
        userAgent: r.user_agent,
        current: r.id === actor.sessionId,
      }),
    );
  }

  async revokeSession(actor: Actor, id: string): Promise<void> {
    const ended = await this.dataSource.query<unknown[]>(
      `WITH ended AS (UPDATE sessions SET ended_at = now() WHERE id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING id) SELECT id FROM ended`,
      [id, actor.userId],
    );
    if (ended.length === 0) throw AppError.notFound('Session');
    await this.credentialsEnded.announce();
  }

  /** A new session: a fresh random value every time (never one the client brought). */
  private async openSession(tx: Tx, userId: string, context: SignInContext): Promise<OpenedSession> {
    const cookie = randomBytes(32).toString('base64url');
    await tx.rows(`INSERT INTO sessions (user_id, token_hash, user_agent, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')`, [
      userId,
      hashToken(cookie),
      context.userAgent?.slice(0, 300) ?? null,
      SESSION_LIFETIME_MS,
    ]);
    const actor = await this.auth.actorForUser(userId, tx);
    if (!actor) throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    return { cookie, me: this.accounts.me(actor) };
  }

  private async newCode(tx: Tx, userId: string, purpose: SignInCodePurpose, lifetimeMs: number): Promise<{ code: string; expiresAt: Date }> {
    const code = randomBytes(32).toString('base64url');
    const [row] = await tx.rows<{ expires_at: Date }>(
      `INSERT INTO sign_in_codes (user_id, purpose, code_hash, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond') RETURNING expires_at`,
      [userId, purpose, hashToken(code), lifetimeMs],
    );
    return { code, expiresAt: row.expires_at };
  }

  /** Uses up a one-time code (locked, so two uses cannot both pass); unknown, used or expired: 404. */
  private async useCode(tx: Tx, code: string, purpose: SignInCodePurpose, what: string): Promise<{ id: string; email: string; name: string }> {
    const [row] = await tx.rows<{ id: string; user_id: string; email: string; name: string }>(
      `SELECT c.id, u.id AS user_id, u.email, u.name FROM sign_in_codes c JOIN users u ON u.id = c.user_id
        WHERE c.code_hash = $1 AND c.purpose = $2 AND c.used_at IS NULL AND c.expires_at > now() AND u.active
        FOR UPDATE OF c`,
      [hashToken(code), purpose],
    );
    if (!row) throw AppError.notFound(what);
    await tx.rows(`UPDATE sign_in_codes SET used_at = now() WHERE id = $1`, [row.id]);
    return { id: row.user_id, email: row.email, name: row.name };
  }

  private checkPassword(password: string, email: string, name: string): void {
    const problem = passwordProblem(password, email, name);
    if (problem) throw AppError.validation([{ field: 'password', message: problem }]);
  }

  /**
   * Sign-in mail is written with its code, in the same transaction, and sent by the worker with
   * the retries of every other e-mail: an SMTP outage delays it, never loses it.
   */
  private mail(tx: Tx, workspaceId: string, to: string, subject: string, lines: string[]): Promise<void> {
    return this.notifier.mailCredential(tx, { workspaceId, to, subject, text: `${lines.join('\n\n')}\n` });
  }
}
