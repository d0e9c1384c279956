import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { AppError } from '../common/http/app-error';
import { createdKey, decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import { isUniqueViolation } from '../database/errors';
import { inTransaction, type Tx } from '../database/transaction';
import type { Actor } from '../common/auth/actor';
import type { CreatedWorkspaceView, CreateUserDto, MeView, UpdateUserDto, UserView, UserWithTokenView } from './dto/accounts.dto';
import { ApiToken } from './api-token.entity';
import { CredentialsEnded } from './credentials-ended';
import { roleAtLeast, type Role } from '../common/auth/roles';
import { slugFromName, withSuffix } from './slug';
import { generateToken, hashToken } from './tokens';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';

const USER_PAGES = createdKey('users');

export function userView(user: User): UserView {
  return { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active, createdAt: user.createdAt.toISOString() };
}

/** Workspaces, their users and the users' tokens (docs/api.md, "Accounts and workspaces"). */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentialsEnded: CredentialsEnded,
  ) {}

  me(actor: Actor): MeView {
    return {
      id: actor.userId,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      timezone: actor.timezone,
      digest: actor.digest,
      workspace: { id: actor.workspaceId, name: actor.workspaceName },
    };
  }

  async createWorkspace(name: string, adminEmail: string): Promise<CreatedWorkspaceView> {
    try {
      return await inTransaction(this.dataSource, async (tx) => {
        const workspace = await tx.manager.save(tx.manager.create(Workspace, { name, slug: await this.freeSlug(tx, slugFromName(name)) }));
        const email = adminEmail.toLowerCase();
        const { user, token } = await this.insertUser(tx, { workspaceId: workspace.id, email, name: email, role: 'admin' });
        return { id: workspace.id, name: workspace.name, admin: { id: user.id, email: user.email, role: 'admin', token } };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'workspaces_name_key')) throw AppError.conflict(`A workspace named "${name}" already exists`);
      throw error;
    }
  }

  async createUser(actor: Actor, dto: CreateUserDto): Promise<UserWithTokenView> {
    const email = dto.email.toLowerCase();
    try {
      const { user, token } = await inTransaction(this.dataSource, (tx) =>
        this.insertUser(tx, { workspaceId: actor.workspaceId, email, name: dto.name, role: dto.role }),
      );
      return { ...userView(user), token };
    } catch (error) {
      if (isUniqueViolation(error, 'users_workspace_email_key')) throw AppError.conflict(`A user with e-mail ${email} already exists in this workspace`);
      throw error;
    }
  }

  async listUsers(actor: Actor, limit: number, cursor?: string): Promise<Page<UserView>> {
    const query = this.dataSource.getRepository(User).createQueryBuilder('u').where('u.workspace_id = :ws', { ws: actor.workspaceId });
    if (cursor) {
      const [createdAt, id] = decodeCursor(cursor, USER_PAGES);
      query.andWhere('(u.created_at, u.id) > (:createdAt, :id)', { createdAt, id });
    }
    const rows = await query
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, USER_PAGES, (u) => [u.createdAt.toISOString(), u.id], userView);
  }

  async getUser(actor: Actor, id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id, workspaceId: actor.workspaceId });
    if (!user) throw AppError.notFound('User');
    return user;
  }

  /**
   * Changes a user's role or deactivates them. The workspace never loses its last active
   * admin, and the instance admin is never locked out: either would leave nobody able to manage it.
   */
  async updateUser(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    const updated = await inTransaction(this.dataSource, async (tx) => {
      const user = await tx.manager.findOne(User, { where: { id, workspaceId: actor.workspaceId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('User');
      if (user.isInstanceAdmin && (dto.active === false || (dto.role !== undefined && dto.role !== 'admin'))) {
        throw AppError.conflict('The instance admin (ADMIN_TOKEN) stays an active admin; the operator changes it in the configuration');
      }
      const stillAdmin = (dto.role ?? user.role) === 'admin' && (dto.active ?? user.active);
      if (user.role === 'admin' && user.active && !stillAdmin) {
        // Lock the workspace's admins so two concurrent demotions cannot both pass.
        const admins = await tx.rows<{ id: string }>(`SELECT id FROM users WHERE workspace_id = $1 AND role = 'admin' AND active FOR UPDATE`, [
          actor.workspaceId,
        ]);
        if (admins.length <= 1) throw AppError.conflict('This is the last active admin of the workspace; make another admin first');
      }
      if (dto.role !== undefined) user.role = dto.role;
      if (dto.active !== undefined) user.active = dto.active;
      // Deactivation ends the user's desk sessions for good (reactivation does not revive them).
      if (dto.active === false) await tx.rows(`UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL`, [id]);
      return userView(await tx.manager.save(user));
    });
    if (dto.active === false) await this.credentialsEnded.announce();
    return updated;
  }

  /** A new token for a user; all their earlier tokens stop working in the same transaction. */
  async rotateToken(actor: Actor, userId: string): Promise<string> {
    if (userId !== actor.userId && !roleAtLeast(actor.role, 'admin')) throw AppError.forbidden('Only an admin may issue tokens for another user');
    const token = await inTransaction(this.dataSource, async (tx) => {
      const user = await tx.manager.findOne(User, { where: { id: userId, workspaceId: actor.workspaceId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('User');
      if (user.isInstanceAdmin) throw AppError.conflict('The instance admin signs in with ADMIN_TOKEN; the operator rotates it in the configuration');
      await tx.manager.update(ApiToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      return this.insertToken(tx, userId);
    });
    await this.credentialsEnded.announce();
    return token;
  }

  /** The slug, or the slug with a random suffix when another workspace has it. */
  private async freeSlug(tx: Tx, slug: string): Promise<string> {
    const taken = await tx.rows(`SELECT 1 FROM workspaces WHERE slug = $1`, [slug]);
    return taken.length === 0 ? slug : withSuffix(slug);
  }

  private async insertUser(
    tx: Tx,
    fields: { workspaceId: string; email: string; name: string; role: Role; isInstanceAdmin?: boolean },
  ): Promise<{ user: User; token: string }> {
    const user = await tx.manager.save(tx.manager.create(User, { ...fields, active: true, isInstanceAdmin: fields.isInstanceAdmin ?? false }));
    return { user, token: await this.insertToken(tx, user.id) };
  }

  private async insertToken(tx: Tx, userId: string): Promise<string> {
    const token = generateToken();
    await tx.manager.insert(ApiToken, { userId, tokenHash: hashToken(token), revokedAt: null });
    return token;
  }
}
