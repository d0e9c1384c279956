import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError } from '../../common/http/app-error';
import type { Tx } from '../../database/transaction';

/** `EXISTS …` for a claim read as `c`: whether the user of parameter `userParam` follows it. */
export function followingColumn(userParam: string): string {
  return `EXISTS (SELECT 1 FROM claim_followers f WHERE f.claim_id = c.id AND f.user_id = ${userParam}) AS following`;
}

/** Who follows a claim: explicitly (PUT/DELETE …/following) or automatically (see `add`). */
@Injectable()
export class ClaimFollowers {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Makes these people follow the claim, in the caller's transaction (the creator, an assignee,
   * a commenter, the mentioned); those who already do are left as they are.
   */
  async add(tx: Tx, claimId: string, userIds: Array<string | null>): Promise<void> {
    const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
    if (ids.length === 0) return;
    await tx.rows(`INSERT INTO claim_followers (claim_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [claimId, ids]);
  }

  /** PUT: the caller follows the claim (again is harmless); 404 for a claim of another workspace. */
  async follow(actor: Actor, claimId: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH claim AS (SELECT id FROM claims WHERE id = $1 AND workspace_id = $2),
            added AS (INSERT INTO claim_followers (claim_id, user_id) SELECT id, $3 FROM claim ON CONFLICT DO NOTHING)
       SELECT 1 FROM claim`,
      [claimId, actor.workspaceId, actor.userId],
    );
    if (rows.length === 0) throw AppError.notFound('Claim');
  }

  /** DELETE: the caller stops following (again is harmless). */
  async unfollow(actor: Actor, claimId: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH claim AS (SELECT id FROM claims WHERE id = $1 AND workspace_id = $2),
            removed AS (DELETE FROM claim_followers WHERE claim_id IN (SELECT id FROM claim) AND user_id = $3)
       SELECT 1 FROM claim`,
      [claimId, actor.workspaceId, actor.userId],
    );
    if (rows.length === 0) throw AppError.notFound('Claim');
  }

  /** The active followers of each claim, with their addresses (for notifying them). */
  async of(tx: Tx, claimIds: string[]): Promise<Array<{ claimId: string; id: string; email: string }>> {
    if (claimIds.length === 0) return [];
    const rows = await tx.rows<{ claim_id: string; id: string; email: string }>(
      `SELECT f.claim_id, u.id, u.email FROM claim_followers f JOIN users u ON u.id = f.user_id AND u.active WHERE f.claim_id = ANY($1::uuid[])`,
      [claimIds],
    );
    return rows.map((r) => ({ claimId: r.claim_id, id: r.id, email: r.email }));
  }
}
