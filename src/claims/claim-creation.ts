import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { tokenStillValid } from '../accounts/auth.service';
import { GroupCommit } from '../database/group-commit';
import { PreparedStatement } from '../database/prepared-statement';
import { claimView } from './claim.view';
import { CLAIM_RETURNING, type ClaimRecord, type ClaimRow } from './claim.record';
import { similarRowsJson, type SimilarRow } from './similar-claims';

/**
 * A new claim's row, written only if `condition` holds (a token the host remembers is still good:
 * WriteConfirmsToken); $1–$15 are the values columnValues lists. match_seq is the transaction's
 * (its default).
 */
export const insertClaim = (condition: string) =>
  `INSERT INTO claims (id, workspace_id, text, kind, claimant_name, claimant_affiliation, quote, source_id, claimed_at, tags, priority, assignee_id, due_at, created_by, match_words)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 WHERE ${condition}
     RETURNING ${CLAIM_RETURNING}, match_seq::text AS match_seq`;

export type WrittenRow = ClaimRow & { match_seq: string };

/** Its creator and its assignee (the uuid[] parameter `param`) follow the claim from the start. */
export const followNew = (param: string) => `INSERT INTO claim_followers (claim_id, user_id) SELECT c.id, u FROM c, unnest(${param}::uuid[]) AS u`;

/** A timestamp as JavaScript's toISOString writes it (UTC, milliseconds), in SQL. */
const isoUtc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * What a creation writes beside the claim, from `c` (the claims written) and `n` (what the caller
 * sent for each, by the claim's id: `creator`, `followers`, `payload`): the followers, the history
 * entry (as HistoryService.append writes it), the live event (as EventLog.recordLive, its data
 * with the actor) and the webhook event (as EventLog.record, claimView(claim) whose two
 * timestamps come from the written row). Everything is written from the claim's row, so nothing is
 * when the claim is not.
 */
const writtenBeside = `
        followed AS (
          INSERT INTO claim_followers (claim_id, user_id) SELECT c.id, f FROM c JOIN n ON n.id = c.id, unnest(n.followers) AS f),
        history AS (
          INSERT INTO claim_events (workspace_id, claim_id, type, actor_id, data)
          SELECT c.workspace_id, c.id, 'claim.created', n.creator, jsonb_build_object('text', c.text, 'kind', c.kind, 'status', c.status)
            FROM c JOIN n ON n.id = c.id),
        live AS (
          INSERT INTO outbox_events (workspace_id, type, payload, claim_id, user_id, live, dispatched_at)
          SELECT c.workspace_id, 'claim.created',
                 jsonb_build_object('text', c.text, 'kind', c.kind, 'status', c.status,
                                    'actor', CASE WHEN u.id IS NULL THEN NULL ELSE jsonb_build_object('id', u.id, 'name', u.name) END),
                 c.id, NULL, true, now()
            FROM c JOIN n ON n.id = c.id LEFT JOIN users u ON u.id = n.creator),
        hook AS (
          INSERT INTO outbox_events (id, workspace_id, type, payload, notice, dispatched_at)
          SELECT gen_random_uuid(), c.workspace_id, 'claim.created',
                 jsonb_set(jsonb_set(n.payload, '{claim,createdAt}', to_jsonb(${isoUtc('c.created_at')})), '{claim,updatedAt}', to_jsonb(${isoUtc('c.updated_at')})),
                 NULL, NULL
            FROM c JOIN n ON n.id = c.id)`;

/**
 * One creation in one statement: the claim, what is written beside it, and the claims it matched
 * read back as `similar_rows`. $16 the webhook payload, $17 the followers, $18 the ids of the
 * matched claims (a jsonb array).
 */
const createOne = (condition: string) =>
  `WITH c AS (${insertClaim(condition)}),
        n AS (SELECT $1::uuid AS id, $14::uuid AS creator, $17::uuid[] AS followers, $16::jsonb AS payload),
        ${writtenBeside}
   SELECT c.*, ${similarRowsJson('$18::jsonb', '$2::uuid')} AS similar_rows FROM c`;

/**
 * Many creations in one statement, each as createOne writes it: $1 a jsonb array of them (one
 * object per claim, its keys the columns of `n` below). A claim whose creator's remembered token
 * (`token`, hex) is no longer good is not written, nor anything beside it.
 */
const createMany = `
   WITH n AS (
          SELECT * FROM jsonb_to_recordset($1::jsonb) AS n(
            id uuid, workspace_id uuid, text text, kind claim_kind, claimant_name text, claimant_affiliation text, quote text,
            source_id uuid, claimed_at timestamptz, tags text[], priority claim_priority, assignee_id uuid, due_at timestamptz,
            creator uuid, words integer[], token text, followers uuid[], payload jsonb, matched jsonb)),
        c AS (
          INSERT INTO claims (id, workspace_id, text, kind, claimant_name, claimant_affiliation, quote, source_id, claimed_at, tags, priority, assignee_id, due_at, created_by, match_words)
          SELECT id, workspace_id, text, kind, claimant_name, claimant_affiliation, quote, source_id, claimed_at, tags, priority, assignee_id, due_at, creator, words
            FROM n WHERE n.token IS NULL OR ${tokenStillValid("decode(n.token, 'hex')", 'n.creator')}
          RETURNING ${CLAIM_RETURNING}, match_seq::text AS match_seq),
        ${writtenBeside}
   SELECT c.*, ${similarRowsJson('n.matched', 'c.workspace_id')} AS similar_rows FROM c JOIN n ON n.id = c.id`;

export type CreatedRow = WrittenRow & { similar_rows: SimilarRow[] };

/** Prepared once per connection. The second confirms a remembered token: $19 its hash, $14 its user. */
export const CREATE_CLAIM = new PreparedStatement<CreatedRow>('claims.create', createOne('true'));
export const CREATE_CLAIM_CONFIRMING_TOKEN = new PreparedStatement<CreatedRow>(
  'claims.create-confirming-token',
  createOne(tokenStillValid('$19::bytea', '$14::uuid')),
);
export const CREATE_CLAIMS = new PreparedStatement<CreatedRow>('claims.create-many', createMany);

/** A claim to create, as ClaimsService has checked and matched it. */
export interface NewClaim {
  /** The claim as it will be written (its timestamps set by PostgreSQL). */
  draft: ClaimRecord;
  creator: string;
  /** Its match words (claims.match_words). */
  words: number[];
  followers: string[];
  /** The ids of the claims it matched, best first. */
  matched: string[];
  /** The hash of the creator's token when the host took the creator from memory (WriteConfirmsToken). */
  unconfirmedToken?: Buffer;
}

/** The row written, or undefined when the creator's remembered token was no longer good. */
export type Created = CreatedRow | undefined;

/**
 * Creation statements in flight at once on a host. Two kept PostgreSQL's two cores busy on the
 * project's machines; four and eight only split the same work into smaller statements
 * (bench/README.md, "Group commit").
 */
const IN_FLIGHT = 2;
/** The most creations one statement writes. */
const MAX_CLAIMS = 50;

/**
 * Writes new claims with what goes beside them, one statement each or, when a host is busy, many
 * in one (GroupCommit): a creation that finds IN_FLIGHT statements running goes in the next one
 * with the others that arrived meanwhile. The claims of one statement share its transaction (and
 * so their match_seq); a claim that cannot be written fails alone.
 */
@Injectable()
export class ClaimCreation {
  private readonly group = new GroupCommit<NewClaim, Created>(
    { one: (claim) => this.one(claim), many: (claims) => this.many(claims) },
    { inFlight: IN_FLIGHT, maxItems: MAX_CLAIMS },
  );

  private readonly logger = new Logger(ClaimCreation.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  write(claim: NewClaim): Promise<Created> {
    return this.group.write(claim);
  }

  private async one(claim: NewClaim): Promise<Created> {
    const { draft } = claim;
    const values = [...columnValues(claim), JSON.stringify({ claim: claimView(draft) }), claim.followers, JSON.stringify(claim.matched)];
    const [row] = claim.unconfirmedToken
      ? await CREATE_CLAIM_CONFIRMING_TOKEN.rows(this.dataSource, [...values, claim.unconfirmedToken])
      : await CREATE_CLAIM.rows(this.dataSource, values);
    return row;
  }

  private async many(claims: NewClaim[]): Promise<Created[]> {
    try {
      return await this.writeMany(claims);
    } catch (error) {
      // GroupCommit writes each of them again on its own; an operator sees why it had to.
      this.logger.warn({ err: error, claims: claims.length }, 'a shared creation statement failed: writing its claims one by one');
      throw error;
    }
  }

  private async writeMany(claims: NewClaim[]): Promise<Created[]> {
    const rows = await CREATE_CLAIMS.rows(this.dataSource, [
      JSON.stringify(
        claims.map((claim) => {
          const { draft } = claim;
          return {
            id: draft.id,
            workspace_id: draft.workspaceId,
            text: draft.text,
            kind: draft.kind,
            claimant_name: draft.claimantName,
            claimant_affiliation: draft.claimantAffiliation,
            quote: draft.quote,
            source_id: draft.sourceId,
            claimed_at: draft.claimedAt,
            tags: draft.tags,
            priority: draft.priority,
            assignee_id: draft.assigneeId,
            due_at: draft.dueAt,
            creator: claim.creator,
            words: claim.words,
            token: claim.unconfirmedToken?.toString('hex') ?? null,
            followers: claim.followers,
            payload: { claim: claimView(draft) },
            matched: claim.matched,
          };
        }),
      ),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return claims.map((claim) => byId.get(claim.draft.id));
  }
}

/** $1–$15 of insertClaim. */
export function columnValues({ draft, creator, words }: Pick<NewClaim, 'draft' | 'creator' | 'words'>): unknown[] {
  return [
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
    creator,
    words,
  ];
}
