import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import { toDate } from '../common/http/dto-helpers';
import { requireMatch, staleVersion, type IfMatch } from '../common/http/etag';
import { invalidToken, tokenStillValid } from '../accounts/auth.service';
import { PreparedStatement } from '../database/prepared-statement';
import { inTransaction, type Tx } from '../database/transaction';
import { EventLog } from '../events/event-log';
import { ClaimObservers } from './claim-observers';
import { claimView } from './claim.view';
import { CLAIM_COLUMNS, CLAIM_FROM, CLAIM_RETURNING, toClaimRecord, type ClaimRecord, type ClaimRow } from './claim.record';
import type { CreateClaimDto, UpdateClaimDto } from './dto/claim.dto';
import { ClaimFollowers, followingColumn } from './following/followers.service';
import { HistoryService } from './history/history.service';
import { matchWords, wordHashes } from './matching/claim-fingerprint';
import { CREATED_SIMILAR_LIMIT, SimilarClaims, similarRowsJson, similarViews, type SimilarRow } from './similar-claims';
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

/**
 * A new claim's row, written only if `condition` holds (a token the host remembers is still good:
 * WriteConfirmsToken); $1–$15 are the values createAndMatch assembles. match_seq is the
 * transaction's (its default).
 */
const insertClaim = (condition: string) =>
  `INSERT INTO claims (id, workspace_id, text, kind, claimant_name, claimant_affiliation, quote, source_id, claimed_at, tags, priority, assignee_id, due_at, created_by, match_words)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 WHERE ${condition}
     RETURNING ${CLAIM_RETURNING}, match_seq::text AS match_seq`;

type WrittenRow = ClaimRow & { match_seq: string };

/** Its creator and its assignee (the uuid[] parameter `param`) follow the claim from the start. */
const followNew = (param: string) => `INSERT INTO claim_followers (claim_id, user_id) SELECT c.id, u FROM c, unnest(${param}::uuid[]) AS u`;

/**
 * The usual creation in one statement (see createAndMatch): $16 the webhook payload, $17 the
 * followers, $18 the ids of the claims it matched (a jsonb array), read back as `similar_rows`.
 * Everything is written from the claim's row, so nothing is when `condition` stops it.
 */
const createClaim = (condition: string) =>
  `WITH c AS (${insertClaim(condition)}),
        followed AS (${followNew('$17')}),
        history AS (
          INSERT INTO claim_events (workspace_id, claim_id, type, actor_id, data)
          SELECT c.workspace_id, c.id, 'claim.created', $14, jsonb_build_object('text', c.text, 'kind', c.kind, 'status', c.status) FROM c),
        live AS (
          INSERT INTO outbox_events (workspace_id, type, payload, claim_id, user_id, live, dispatched_at)
          SELECT c.workspace_id, 'claim.created',
                 jsonb_build_object('text', c.text, 'kind', c.kind, 'status', c.status,
                                    'actor', CASE WHEN u.id IS NULL THEN NULL ELSE jsonb_build_object('id', u.id, 'name', u.name) END),
                 c.id, NULL, true, now()
            FROM c LEFT JOIN users u ON u.id = $14),
        hook AS (
          INSERT INTO outbox_events (id, workspace_id, type, payload, notice, dispatched_at)
          SELECT gen_random_uuid(), c.workspace_id, 'claim.created',
                 jsonb_set(jsonb_set($16::jsonb, '{claim,createdAt}', to_jsonb(${isoUtc('c.created_at')})), '{claim,updatedAt}', to_jsonb(${isoUtc('c.updated_at')})),
                 NULL, NULL
            FROM c)
   SELECT c.*, ${similarRowsJson('$18::jsonb', '$2::uuid')} AS similar_rows FROM c`;

type CreatedRow = WrittenRow & { similar_rows: SimilarRow[] };

/** Both prepared once per connection. The second confirms a remembered token: $19 its hash, $14 its user. */
export const CREATE_CLAIM = new PreparedStatement<CreatedRow>('claims.create', createClaim('true'));
export const CREATE_CLAIM_CONFIRMING_TOKEN = new PreparedStatement<CreatedRow>(
  'claims.create-confirming-token',
  createClaim(tokenStillValid('$19::bytea', '$14::uuid')),
);

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
  ) {}

  async create(actor: Actor, dto: CreateClaimDto): Promise<ClaimRecord> {
    return (await this.createAndMatch(actor, dto)).claim;
  }

  /**
   * Creates a claim and finds the claims that say nearly the same thing (the 201's `similar`,
   * matched in memory against the claims as they were before this one). The usual case is one
   * statement and one round trip: the claim, its history entry, its live event and its webhook
   * event in writable CTEs, atomic without a transaction, and the matched claims read beside them.
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
    const draft: ClaimRecord = {
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
      status: 'submitted',
      assigneeId: assignee?.id ?? null,
      assigneeName: assignee?.name ?? null,
      dueAt: toDate(dto.dueAt),
      followUpAt: null,
      verdictRating: null,
      verdictSummary: null,
      verdictProposedBy: null,
      verdictProposedAt: null,
      publishedAt: null,
      reviewUrl: null,
      evidenceCount: 0,
      version: 1,
      // Set by PostgreSQL; the webhook payload gets them there (created below).
      createdAt: new Date(0),
      updatedAt: new Date(0),
    };
    // Its creator and its assignee follow it from the start, in the statement that creates it.
    const followers = [...new Set([actor.userId, draft.assigneeId ?? actor.userId])];
    const values = [
      draft.id,
      draft.workspaceId,
      draft.text,
      draft.kind,
      draft.claimantName,
      draft.claimantAffiliation,
      draft.quote,
      draft.sourceId,
      draft.claimedAt,
      draft.tags,
      draft.priority,
      draft.assigneeId,
      draft.dueAt,
      actor.userId,
      words,
    ];
    if (this.observers.reactToCreation(draft)) {
      const similar = await this.similar.views(actor.workspaceId, matches);
      let seq = '';
      const claim = await inTransaction(this.dataSource, async (tx) => {
        const confirming = actor.unconfirmedToken ? [actor.unconfirmedToken] : [];
        const condition = actor.unconfirmedToken ? tokenStillValid('$17::bytea', '$14::uuid') : 'true';
        const [row] = await tx.rows<WrittenRow>(`WITH c AS (${insertClaim(condition)}), followed AS (${followNew('$16')}) SELECT * FROM c`, [
          ...values,
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

    // The same rows as the transaction above writes: claim_events as HistoryService.append,
    // the live event as EventLog.recordLive (its data with the actor), the webhook event as
    // EventLog.record with claimView(claim), whose two timestamps come from the inserted row.
    const params = [...values, JSON.stringify({ claim: claimView(draft) }), followers, JSON.stringify(matches.map((match) => match.id))];
    const [row] = actor.unconfirmedToken
      ? await CREATE_CLAIM_CONFIRMING_TOKEN.rows(this.dataSource, [...params, actor.unconfirmedToken])
      : await CREATE_CLAIM.rows(this.dataSource, params);
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

/** A timestamp as JavaScript's toISOString writes it (UTC, milliseconds), in SQL. */
function isoUtc(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

function dedupe(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()))];
}
