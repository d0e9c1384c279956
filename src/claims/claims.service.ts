import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import { toDate } from '../common/http/dto-helpers';
import { requireMatch, staleVersion, type IfMatch } from '../common/http/etag';
import { invalidToken, tokenStillValid } from '../accounts/auth.service';
import { inTransaction, type Tx } from '../database/transaction';
import { EventLog } from '../events/event-log';
import { ClaimCreation, columnValues, followNew, insertClaim, type WrittenRow } from './claim-creation';
import { ClaimObservers } from './claim-observers';
import { claimView } from './claim.view';
import { CLAIM_COLUMNS, CLAIM_FROM, CLAIM_RETURNING, newClaimRecord, toClaimRecord, type ClaimRecord, type ClaimRow } from './claim.record';
import type { CreateClaimDto, UpdateClaimDto } from './dto/claim.dto';
import { ClaimFollowers, followingColumn } from './following/followers.service';
import { HistoryService } from './history/history.service';
import { matchWords, wordHashes } from './matching/claim-fingerprint';
import { CREATED_SIMILAR_LIMIT, SimilarClaims, similarViews } from './similar-claims';
import type { SimilarClaimView } from './dto/claim.view';

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
    private readonly similar: SimilarClaims,
    private readonly creation: ClaimCreation,
  ) {}

  async create(actor: Actor, dto: CreateClaimDto): Promise<ClaimRecord> {
    return (await this.createAndMatch(actor, dto)).claim;
  }

  /**
   * Creates a claim and finds the claims that say nearly the same thing (the 201's `similar`,
   * matched in memory against the claims as they were before this one). The usual case is one
   * statement: the claim, its history entry, its live event and its webhook event in writable
   * CTEs, atomic without a transaction, and the matched claims read beside them; on a busy host,
   * concurrent creations share that statement (ClaimCreation).
   * Only when an observer reacts to the creation (a deadline to schedule) does it take the
   * transaction the observer writes in. Either way, an actor this host remembered
   * (Actor.unconfirmedToken) writes only if its token is still good, checked by the insert itself.
   */
  async createAndMatch(actor: Actor, dto: CreateClaimDto): Promise<{ claim: ClaimRecord; similar: SimilarClaimView[] }> {
    const [assignee] = await Promise.all([
      dto.assigneeId ? this.activeMember(actor.workspaceId, dto.assigneeId) : Promise.resolve(null),
      dto.sourceId ? this.requireSource(actor.workspaceId, dto.sourceId) : Promise.resolve(),
    ]);
    // Matched in memory, against the claims as they were before this one; the matches' rows (text,
    // status) are read in the statement that writes, so that one failure or the other writes nothing.
    const { words, matches } = await this.similar.match(actor.workspaceId, dto.text, '', CREATED_SIMILAR_LIMIT);
    const draft = newClaimRecord({
      id: randomUUID(),
      workspaceId: actor.workspaceId,
      text: dto.text,
      kind: dto.kind,
      claimantName: dto.claimant.name,
      claimantAffiliation: dto.claimant.affiliation ?? null,
      quote: dto.quote ?? null,
      sourceId: dto.sourceId ?? null,
      claimedAt: toDate(dto.claimedAt),
      tags: dedupe(dto.tags ?? []),
      priority: dto.priority ?? 'normal',
      assigneeId: assignee?.id ?? null,
      assigneeName: assignee?.name ?? null,
      dueAt: toDate(dto.dueAt),
    });
    // Its creator and its assignee follow it from the start, in the statement that creates it.
    const followers = [...new Set([actor.userId, draft.assigneeId ?? actor.userId])];
    if (this.observers.reactToCreation(draft)) {
      const similar = await this.similar.views(actor.workspaceId, matches);
      let seq = '';
      const claim = await inTransaction(this.dataSource, async (tx) => {
        const confirming = actor.unconfirmedToken ? [actor.unconfirmedToken] : [];
        const condition = actor.unconfirmedToken ? tokenStillValid('$17::bytea', '$14::uuid') : 'true';
        const [row] = await tx.rows<WrittenRow>(`WITH c AS (${insertClaim(condition)}), followed AS (${followNew('$16')}) SELECT * FROM c`, [
          ...columnValues({ draft, creator: actor.userId, words }),
          followers,
          ...confirming,
        ]);
        if (!row) throw invalidToken();
        seq = row.match_seq;
        const created = toClaimRecord({ ...row, assignee_name: draft.assigneeName, following: true });
        await this.history.append(tx, {
          workspaceId: actor.workspaceId,
          claimId: created.id,
          type: 'claim.created',
          actorId: actor.userId,
          data: { text: created.text, kind: created.kind, status: created.status },
        });
        await this.events.record(tx, { workspaceId: actor.workspaceId, type: 'claim.created', payload: { claim: claimView(created) } });
        await this.observers.announce(tx, { type: 'created', claim: created, actor });
        return created;
      });
      this.similar.remember(actor.workspaceId, claim.id, words, seq);
      return { claim, similar };
    }

    // The same rows as the transaction above writes, in one statement, which it may share with
    // other creations that arrive at the same time (ClaimCreation).
    const row = await this.creation.write({
      draft,
      creator: actor.userId,
      words,
      followers,
      matched: matches.map((match) => match.id),
      unconfirmedToken: actor.unconfirmedToken,
    });
    // Written only if the token the host remembered is still good: a revoked token or a deactivated user writes nothing.
    if (!row) throw invalidToken();
    this.events.liveWritten();
    this.similar.remember(actor.workspaceId, row.id, words, row.match_seq);
    const claim = toClaimRecord({ ...row, assignee_name: draft.assigneeName, following: true });
    return { claim, similar: similarViews(matches, row.similar_rows) };
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
   * Edits a claim the caller read at a version `ifMatch` accepts. The write is a conditional
   * UPDATE on the version: of many concurrent writers, exactly one wins.
   */
  async update(actor: Actor, id: string, ifMatch: IfMatch, dto: UpdateClaimDto): Promise<ClaimRecord> {
    const written: { words?: number[]; seq?: string } = {};
    const updated = await inTransaction(this.dataSource, async (tx) => {
      const before = await this.get(actor, id, tx);
      requireMatch(ifMatch, before.version);

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

      const words = wordHashes(matchWords(next.text));
      const [row] = await tx.rows<WrittenRow>(
        `UPDATE claims SET text = $4, claimant_name = $5, claimant_affiliation = $6, quote = $7, tags = $8, priority = $9,
                assignee_id = $10, due_at = $11, match_words = $12,
                match_seq = CASE WHEN text = $4 THEN match_seq ELSE current_xact_seq() END,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND workspace_id = $2 AND version = $3
          RETURNING ${CLAIM_RETURNING}, match_seq::text AS match_seq`,
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
          words,
        ],
      );
      if (!row) throw staleVersion(before.version + 1);
      Object.assign(written, { words, seq: row.match_seq });
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
    // Committed: this host's matching sees the new text at once (the others within SYNC_AFTER_MS).
    if (written.words && written.seq) this.similar.remember(actor.workspaceId, id, written.words, written.seq);
    return updated;
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
