import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { STARTUP_LOCK_ID } from '../database/prepare';
import { inTransaction } from '../database/transaction';
import { hashToken } from './tokens';
import { DEFAULT_WORKSPACE_NAME } from './workspace.entity';

export const INSTANCE_ADMIN_EMAIL = 'instance-admin@claimtrack.invalid';

/** Below this length the instance admin's token is accepted, with a warning at every start. */
const ADMIN_TOKEN_ADVISED_LENGTH = 16;

/**
 * On start: the `default` workspace exists, and its instance admin answers to `ADMIN_TOKEN`
 * (and to no earlier value of it: changing the variable rotates the token). A process started
 * without `ADMIN_TOKEN` — a worker host, `npm run seed` — leaves the admin's token as it is, so
 * that it cannot lock out the API hosts that were given one.
 */
@Injectable()
export class AccountsBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsBootstrap.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      await tx.rows('SELECT pg_advisory_xact_lock($1)', [STARTUP_LOCK_ID]);
      const [workspace] = await tx.rows<{ id: string }>(
        `INSERT INTO workspaces (name, slug) VALUES ($1, $1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [DEFAULT_WORKSPACE_NAME],
      );
      let [admin] = await tx.rows<{ id: string }>(`SELECT id FROM users WHERE is_instance_admin ORDER BY created_at LIMIT 1`);
      if (!admin) {
        [admin] = await tx.rows<{ id: string }>(
          `INSERT INTO users (workspace_id, email, name, role, is_instance_admin) VALUES ($1, $2, 'Instance admin', 'admin', true) RETURNING id`,
          [workspace.id, INSTANCE_ADMIN_EMAIL],
        );
      } else {
        await tx.rows(`UPDATE users SET role = 'admin', active = true WHERE id = $1 AND (role <> 'admin' OR NOT active)`, [admin.id]);
      }
      if (!this.config.adminToken) return;
      const hash = hashToken(this.config.adminToken);
      await tx.rows(`UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND token_hash <> $2`, [admin.id, hash]);
      await tx.rows(
        `INSERT INTO api_tokens (user_id, token_hash) VALUES ($1, $2)
         ON CONFLICT (token_hash) DO UPDATE SET revoked_at = NULL, user_id = EXCLUDED.user_id`,
        [admin.id, hash],
      );
    });
    this.logger.log(this.config.adminToken ? 'instance admin ready (ADMIN_TOKEN)' : 'ADMIN_TOKEN is not set: the instance admin token is left as it was');
    const length = this.config.adminToken?.length ?? Infinity;
    if (length < ADMIN_TOKEN_ADVISED_LENGTH) {
      // Kept working, since a set-up may rely on it; the operator is told, and never shown the token.
      this.logger.warn(
        `ADMIN_TOKEN is ${length} characters long: whoever guesses it is the instance admin; use at least ${ADMIN_TOKEN_ADVISED_LENGTH} random characters (openssl rand -hex 32)`,
      );
    }
  }
}
