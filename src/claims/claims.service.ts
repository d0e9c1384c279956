import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import { toDate } from '../common/http/dto-helpers';
import { staleVersion } from '../common/http/etag';
import { inTransaction, type Tx } from '../database/transaction';
import { EventLog } from '../events/event-log';
import { ClaimObservers } from './claim-observers';
import { claimView } from './claim.view';
import { CLAIM_COLUMNS, CLAIM_FROM, CLAIM_RETURNING, toClaimRecord, type ClaimRecord, type ClaimRow } from './claim.record';
import type { CreateClaimDto, UpdateClaimDto } from './dto/claim.dto';
import { ClaimFollowers, followingColumn } from './following/followers.service';
import { HistoryService } from './history/history.service';
import { claimMatchBands } from './matching/claim-fingerprint';

/** A PATCH-able field, as the history shows it. */
type Editable = 'text' | 'claimant' | 'quote' | 'tags' | 'priority' | 'assigneeId' | 'dueAt';

function editableValue(claim: ClaimRecord, field: Editable): unknown {
  switch (field) {
    case 'claimant':
      return { name: claim.claimantName, affiliation: claim.claimantAffiliation };
    case 'dueAt':
      return claim.dueAt?.toISOString() ?? null;
    default:
      return claim[field];
  }
}

/** Claims: create, read, edit (optimistic concurrency). The lifecycle is TransitionsService. */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly observers: ClaimObservers,
    private readonly events: EventLog,
    private readonly followers: ClaimFollowers,
  ) {}

  async create(actor: Actor, dto: CreateClaimDto): Promise<ClaimRecord> {
    const [assignee] = await Promise.all([
      dto.assigneeId ? this.activeMember(actor.workspaceId, dto.assigneeId) : Promise.resolve(null),
      dto.sourceId ? this.requireSource(actor.workspaceId, dto.sourceId) : Promise.resolve(),
    ]);
    return inTransaction(this.dataSource, async (tx) => {
      const [row] = await tx.rows<ClaimRow>(
        // Its creator and its assignee follow it from the start, in the same statement (no extra round trip).
        `WITH inserted AS (
           INSERT INTO claims (workspace_id, text, kind, claimant_name, claimant_affiliation, quote, source_id, claimed_at, tags, priority, assignee_id, due_at, created_by, match_bands)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           RETURNING ${CLAIM_RETURNING}
         ), followed AS (
           INSERT INTO claim_followers (claim_id, user_id) SELECT inserted.id, u FROM inserted, unnest($15::uuid[]) AS u
         )
         SELECT * FROM inserted`,
        [
          actor.workspaceId,
          dto.text,
          dto.kind,
          dto.claimant.name,
          dto.claimant.affiliation ?? null,
          dto.quote ?? null,
          dto.sourceId ?? null,
          toDate(dto.claimedAt),
          dedupe(dto.tags ?? []),
          dto.priority ?? 'normal',
          assignee?.id ?? null,
          toDate(dto.dueAt),
          actor.userId,
          claimMatchBands(actor.workspaceId, dto.text),
          [...new Set([actor.userId, assignee?.id ?? actor.userId])],
        ],
      );
      const claim = toClaimRecord({ ...row, assignee_name: assignee?.name ?? null, following: true });
      await this.history.append(tx, {
        workspaceId: actor.workspaceId,
        claimId: claim.id,
        type: 'claim.created',
        actorId: actor.userId,
        data: { text: claim.text, kind: claim.kind, status: claim.status },
      });
      await this.events.record(tx, { workspaceId: actor.workspaceId, type: 'claim.created', payload: { claim: claimView(claim) } });
      await this.observers.announce(tx, { type: 'created', claim, actor });
      return claim;
    });
  }

  /** The claim (with whether the actor follows it), or 404 when it does not exist in the actor's workspace. */
  async get(actor: Actor, id: string, tx?: Tx): Promise<ClaimRecord> {
    const sql = `SELECT ${CLAIM_COLUMNS}, ${followingColumn('$3')} FROM ${CLAIM_FROM} WHERE c.id = $1 AND c.workspace_id = $2`;
    const params = [id, actor.workspaceId, actor.userId];
    const rows: ClaimRow[] = tx ? await tx.rows<ClaimRow>(sql, params) : await this.dataSource.query(sql, params);
    if (!rows[0]) throw AppError.notFound('Claim');
    return toClaimRecord(rows[0]);
  }

  /**
   * Edits a claim the caller read at `expectedVersion` (null: If-Match *). The write is a
   * conditional UPDATE on the version: of many concurrent writers, exactly one wins.
   */
  async update(actor: Actor, id: string, expectedVersion: number | null, dto: UpdateClaimDto): Promise<ClaimRecord> {
    return inTransaction(this.dataSource, async (tx) => {
      const before = await this.get(actor, id, tx);
      if (expectedVersion !== null && before.version !== expectedVersion) throw staleVersion(before.version);

      let assigneeName = before.assigneeName;
      if (dto.assigneeId !== undefined && dto.assigneeId !== before.assigneeId) {
        assigneeName = dto.assigneeId === null ? null : (await this.activeMember(actor.workspaceId, dto.assigneeId)).name;
      }
      const next = {
        text: dto.text ?? before.text,
        claimantName: dto.claimant?.name ?? before.claimantName,
        claimantAffiliation: dto.claimant ? (dto.claimant.affiliation ?? null) : before.claimantAffiliation,
        quote: dto.quote === undefined ? before.quote : dto.quote,
        tags: dto.tags === undefined ? before.tags : dedupe(dto.tags),
        priority: dto.priority ?? before.priority,
        assigneeId: dto.assigneeId === undefined ? before.assigneeId : dto.assigneeId,
        dueAt: dto.dueAt === undefined ? before.dueAt : toDate(dto.dueAt),
      };
      const candidate: ClaimRecord = { ...before, ...next, assigneeName };
      const fields = (['text', 'claimant', 'quote', 'tags', 'priority', 'assigneeId', 'dueAt'] as const).filter(
        (field) => JSON.stringify(editableValue(before, field)) !== JSON.stringify(editableValue(candidate, field)),
      );
      if (fields.length === 0) return before;

      const [row] = await tx.rows<ClaimRow>(
        `UPDATE claims SET text = $4, claimant_name = $5, claimant_affiliation = $6, quote = $7, tags = $8, priority = $9,
                assignee_id = $10, due_at = $11, match_bands = $12, version = version + 1, updated_at = now()
          WHERE id = $1 AND workspace_id = $2 AND version = $3
          RETURNING ${CLAIM_RETURNING}`,
        [
          id,
          actor.workspaceId,
          before.version,
          next.text,
          next.claimantName,
          next.claimantAffiliation,
          next.quote,
          next.tags,
          next.priority,
          next.assigneeId,
          next.dueAt,
          claimMatchBands(actor.workspaceId, next.text),
        ],
      );
      if (!row) throw staleVersion(before.version + 1);
      // A new assignee follows the claim from now on.
      const newAssignee = fields.includes('assigneeId') ? next.assigneeId : null;
      await this.followers.add(tx, id, [newAssignee]);
      const claim = toClaimRecord({ ...row, assignee_name: assigneeName, following: before.following === true || newAssignee === actor.userId });
      await this.history.append(tx, {
        workspaceId: actor.workspaceId,
        claimId: id,
        type: 'claim.updated',
        actorId: actor.userId,
        data: {
          fields,
          before: Object.fromEntries(fields.map((f) => [f, editableValue(before, f)])),
          after: Object.fromEntries(fields.map((f) => [f, editableValue(claim, f)])),
        },
      });
      await this.observers.announce(tx, { type: 'updated', claim, before, fields, actor });
      return claim;
    });
  }

  /** An active user of the workspace, or 422. */
  private async activeMember(workspaceId: string, userId: string): Promise<{ id: string; name: string }> {
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query(`SELECT id, name FROM users WHERE id = $1 AND workspace_id = $2 AND active`, [
      userId,
      workspaceId,
    ]);
    if (!rows[0]) {
      throw new AppError('GUARD_FAILED', 'assigneeId: no active user of this workspace has this id', {
        guard: 'assignee_is_active_member',
        errors: [{ field: 'assigneeId', message: 'is not an active user of this workspace' }],
      });
    }
    return rows[0];
  }

  private async requireSource(workspaceId: string, sourceId: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM sources WHERE id = $1 AND workspace_id = $2`, [sourceId, workspaceId]);
    if (rows.length === 0) {
      throw new AppError('GUARD_FAILED', 'sourceId: no source of this workspace has this id', {
        guard: 'source_exists',
        errors: [{ field: 'sourceId', message: 'is not a source of this workspace' }],
      });
    }
  }
}

function dedupe(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()))];
}
