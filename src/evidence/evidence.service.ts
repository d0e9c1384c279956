import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { ClaimsService } from '../claims/claims.service';
import { HistoryService } from '../claims/history/history.service';
import type { EvidenceStance } from '../claims/vocabulary';
import { AppError } from '../common/http/app-error';
import { createdKey, decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import { inTransaction, type Tx } from '../database/transaction';
import type { CreateEvidenceDto, EvidenceView } from './dto/evidence.dto';

const EVIDENCE_PAGES = createdKey('evidence');

interface EvidenceRow {
  id: string;
  claim_id: string;
  description: string;
  url: string | null;
  stance: EvidenceStance;
  added_by: string | null;
  added_by_name: string | null;
  created_at: Date;
}

function evidenceView(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    claimId: row.claim_id,
    description: row.description,
    url: row.url,
    stance: row.stance,
    addedBy: row.added_by ? { id: row.added_by, name: row.added_by_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Evidence of a claim. Adding or removing it locks the claim row, so that it never races a
 * publication; it changes neither the claim's version nor its ETag.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly claims: ClaimsService,
    private readonly history: HistoryService,
  ) {}

  async add(actor: Actor, claimId: string, dto: CreateEvidenceDto): Promise<EvidenceView> {
    return inTransaction(this.dataSource, async (tx) => {
      await this.lockUnpublishedClaim(tx, actor, claimId, 'added to');
      const [row] = await tx.rows<EvidenceRow>(
        `INSERT INTO evidence (workspace_id, claim_id, description, url, stance, added_by) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, claim_id, description, url, stance, added_by, created_at`,
        [actor.workspaceId, claimId, dto.description, dto.url ?? null, dto.stance, actor.userId],
      );
      await tx.rows(`UPDATE claims SET evidence_count = evidence_count + 1 WHERE id = $1`, [claimId]);
      await this.history.append(tx, {
        workspaceId: actor.workspaceId,
        claimId,
        type: 'evidence.added',
        actorId: actor.userId,
        data: { evidenceId: row.id, description: row.description, url: row.url, stance: row.stance },
      });
      return evidenceView({ ...row, added_by_name: actor.name });
    });
  }

  /** Oldest first. */
  async list(actor: Actor, claimId: string, limit: number, cursor?: string): Promise<Page<EvidenceView>> {
    await this.claims.get(actor, claimId);
    const params: unknown[] = [claimId, actor.workspaceId, limit + 1];
    let after = '';
    if (cursor) {
      const [createdAt, id] = decodeCursor(cursor, EVIDENCE_PAGES);
      params.push(createdAt, id);
      after = 'AND (e.created_at, e.id) > ($4::timestamptz, $5::uuid)';
    }
    const rows: EvidenceRow[] = await this.dataSource.query(
      `SELECT e.id, e.claim_id, e.description, e.url, e.stance, e.added_by, u.name AS added_by_name, e.created_at
         FROM evidence e LEFT JOIN users u ON u.id = e.added_by
        WHERE e.claim_id = $1 AND e.workspace_id = $2 ${after}
        ORDER BY e.created_at, e.id LIMIT $3`,
      params,
    );
    return toPage(rows, limit, EVIDENCE_PAGES, (r) => [r.created_at.toISOString(), r.id], evidenceView);
  }

  async remove(actor: Actor, claimId: string, evidenceId: string): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      await this.lockUnpublishedClaim(tx, actor, claimId, 'removed from');
      const [removed] = await tx.rows<{ description: string; stance: EvidenceStance; url: string | null }>(
        `DELETE FROM evidence WHERE id = $1 AND claim_id = $2 AND workspace_id = $3 RETURNING description, stance, url`,
        [evidenceId, claimId, actor.workspaceId],
      );
      if (!removed) throw AppError.notFound('Evidence');
      await tx.rows(`UPDATE claims SET evidence_count = evidence_count - 1 WHERE id = $1`, [claimId]);
      await this.history.append(tx, {
        workspaceId: actor.workspaceId,
        claimId,
        type: 'evidence.removed',
        actorId: actor.userId,
        data: { evidenceId, ...removed },
      });
    });
  }

  private async lockUnpublishedClaim(tx: Tx, actor: Actor, claimId: string, verb: string): Promise<void> {
    const [claim] = await tx.rows<{ status: string }>(`SELECT status FROM claims WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [claimId, actor.workspaceId]);
    if (!claim) throw AppError.notFound('Claim');
    if (claim.status === 'published') throw AppError.conflict(`Evidence cannot be ${verb} a published claim; reopen it first`);
  }
}
