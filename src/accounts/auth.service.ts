import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import type { Role } from '../common/auth/roles';

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

/** Resolves a bearer token to its user in one indexed query. */
@Injectable()
export class AuthService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async actorForTokenHash(tokenHash: Buffer): Promise<Actor | null> {
    const rows: ActorRow[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.workspace_id, w.name AS workspace_name, u.role, u.name, u.email, u.is_instance_admin, u.timezone, u.digest
         FROM api_tokens t
         JOIN users u ON u.id = t.user_id
         JOIN workspaces w ON w.id = u.workspace_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
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
}
