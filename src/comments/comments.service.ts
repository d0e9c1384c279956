import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ClaimFollowers } from '../claims/following/followers.service';
import { HistoryService } from '../claims/history/history.service';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/http/app-error';
import { iso } from '../common/http/dto-helpers';
import { createdKey, decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import { inTransaction, type Tx } from '../database/transaction';
import { ActivityLog } from './activity/activity-log';
import type { CommentView, CreateCommentDto, UpdateCommentDto } from './dto/comment.dto';
import { MentionsService, type MentionedUser } from './mentions.service';

const COMMENT_PAGES = createdKey('comments');

interface CommentRow {
  id: string;
  claim_id: string;
  author_id: string;
  author_name: string;
  body: string;
  created_at: Date;
  edited_at: Date | null;
  resolved_at: Date | null;
  /** The mentioned people, in order, with their names now. */
  mentions: Array<{ id: string; name: string }>;
}

/** The columns of a CommentRow, for `FROM comments c JOIN users u ON u.id = c.author_id`. */
const COMMENT_COLUMNS = `c.id, c.claim_id, c.author_id, u.name AS author_name, c.body, c.created_at, c.edited_at, c.resolved_at,
  COALESCE((SELECT json_agg(json_build_object('id', m.id, 'name', m.name) ORDER BY k.n)
              FROM unnest(c.mention_ids) WITH ORDINALITY AS k(id, n) JOIN users m ON m.id = k.id), '[]') AS mentions`;
/** The same for `UPDATE … RETURNING` (mentions and the author's name are added after). */
const COMMENT_RETURNING = 'id, claim_id, author_id, body, created_at, edited_at, resolved_at';

const refs = (users: MentionedUser[]) => users.map((u) => ({ id: u.id, name: u.name }));

function commentView(row: CommentRow): CommentView {
  return {
    id: row.id,
    body: row.body,
    author: { id: row.author_id, name: row.author_name },
    createdAt: row.created_at.toISOString(),
    editedAt: iso(row.edited_at),
    resolvedAt: iso(row.resolved_at),
    mentions: row.mentions,
  };
}

/**
 * The conversation on a claim: comments, each change of which is a timeline entry written in
 * the same transaction (and so, for the live types, an event of the workspace's stream).
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly mentions: MentionsService,
    private readonly followers: ClaimFollowers,
    private readonly activity: ActivityLog,
  ) {}

  async create(actor: Actor, claimId: string, dto: CreateCommentDto): Promise<CommentView> {
    return inTransaction(this.dataSource, async (tx) => {
      const mentioned = await this.mentions.resolve(tx, actor.workspaceId, dto.body);
      // One statement: the claim must be the actor's workspace's, or nothing is written.
      const [row] = await tx.rows<Omit<CommentRow, 'author_name' | 'mentions'> & { claim_text: string }>(
        `WITH claim AS (SELECT id, workspace_id, text FROM claims WHERE id = $1 AND workspace_id = $2),
              inserted AS (
                INSERT INTO comments (workspace_id, claim_id, author_id, body, mention_ids)
                SELECT workspace_id, id, $3, $4, $5 FROM claim
                RETURNING ${COMMENT_RETURNING})
         SELECT inserted.*, claim.text AS claim_text FROM inserted, claim`,
        [claimId, actor.workspaceId, actor.userId, dto.body, mentioned.map((u) => u.id)],
      );
      if (!row) throw AppError.notFound('Claim');
      await this.record(tx, actor, row.claim_id, 'comment.added', row.id);
      const told = await this.mentions.tell(tx, this.mentioning(actor, row, row.claim_text), mentioned);
      // Commenting and being mentioned both make a person follow the claim.
      await this.followers.add(tx, row.claim_id, [actor.userId, ...told.map((u) => u.id)]);
      await this.activity.record(tx, {
        workspaceId: actor.workspaceId,
        claimId: row.claim_id,
        actorId: actor.userId,
        kind: 'comment',
        data: { commentId: row.id },
      });
      return commentView({ ...row, author_name: actor.name, mentions: refs(mentioned) });
    });
  }

  /** Oldest first; deleted comments are not listed. */
  async list(actor: Actor, claimId: string, limit: number, cursor?: string): Promise<Page<CommentView>> {
    const claims: unknown[] = await this.dataSource.query(`SELECT 1 FROM claims WHERE id = $1 AND workspace_id = $2`, [claimId, actor.workspaceId]);
    if (claims.length === 0) throw AppError.notFound('Claim');
    const params: unknown[] = [claimId, actor.workspaceId, limit + 1];
    let after = '';
    if (cursor) {
      const [createdAt, id] = decodeCursor(cursor, COMMENT_PAGES);
      params.push(createdAt, id);
      after = 'AND (c.created_at, c.id) > ($4::timestamptz, $5::uuid)';
    }
    const rows: CommentRow[] = await this.dataSource.query(
      `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
        WHERE c.claim_id = $1 AND c.workspace_id = $2 AND c.deleted_at IS NULL ${after}
        ORDER BY c.created_at, c.id LIMIT $3`,
      params,
    );
    return toPage(rows, limit, COMMENT_PAGES, (r) => [r.created_at.toISOString(), r.id], commentView);
  }

  /**
   * A new body (its author only) and/or resolved or reopened (anyone). Refused as a whole when
   * any part is not the actor's to change; what does not change writes nothing.
   */
  async update(actor: Actor, id: string, dto: UpdateCommentDto): Promise<CommentView> {
    return inTransaction(this.dataSource, async (tx) => {
      const current = await this.lock(tx, actor, id);
      if (dto.body !== undefined && current.author_id !== actor.userId) throw AppError.forbidden('Only its author may edit a comment');

      const editing = dto.body !== undefined && dto.body !== current.body;
      const resolving = dto.resolved === true && current.resolved_at === null;
      const reopening = dto.resolved === false && current.resolved_at !== null;
      if (!editing && !resolving && !reopening) return commentView(current);

      const mentioned = editing ? await this.mentions.resolve(tx, actor.workspaceId, dto.body!) : null;
      const [row] = await tx.rows<Omit<CommentRow, 'author_name' | 'mentions'>>(
        `UPDATE comments
            SET body = CASE WHEN $3 THEN $4 ELSE body END,
                mention_ids = CASE WHEN $3 THEN $7::uuid[] ELSE mention_ids END,
                edited_at = CASE WHEN $3 THEN now() ELSE edited_at END,
                resolved_at = CASE WHEN $5 THEN now() WHEN $6 THEN NULL ELSE resolved_at END,
                resolved_by = CASE WHEN $5 THEN $2::uuid WHEN $6 THEN NULL ELSE resolved_by END
          WHERE id = $1
          RETURNING ${COMMENT_RETURNING}`,
        [id, actor.userId, editing, dto.body ?? null, resolving, reopening, mentioned?.map((u) => u.id) ?? []],
      );
      if (editing) {
        await this.record(tx, actor, row.claim_id, 'comment.edited', id);
        // Only who was not named before is told: the ledger remembers everyone ever told.
        const told = await this.mentions.tell(tx, this.mentioning(actor, row, current.claim_text), mentioned!);
        await this.followers.add(
          tx,
          row.claim_id,
          told.map((u) => u.id),
        );
      }
      if (resolving) await this.record(tx, actor, row.claim_id, 'comment.resolved', id);
      if (reopening) await this.record(tx, actor, row.claim_id, 'comment.reopened', id);
      return commentView({ ...row, author_name: current.author_name, mentions: mentioned ? refs(mentioned) : current.mentions });
    });
  }

  /** By its author or an admin; the comment leaves the list, `comment.deleted` stays in the timeline. */
  async remove(actor: Actor, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      const current = await this.lock(tx, actor, id);
      if (current.author_id !== actor.userId && actor.role !== 'admin') throw AppError.forbidden('Only its author or an admin may delete a comment');
      await tx.rows(`UPDATE comments SET deleted_at = now(), deleted_by = $2 WHERE id = $1`, [id, actor.userId]);
      await this.record(tx, actor, current.claim_id, 'comment.deleted', id);
    });
  }

  /** The comment, locked for this transaction; 404 when deleted or in another workspace. */
  private async lock(tx: Tx, actor: Actor, id: string): Promise<CommentRow & { claim_text: string }> {
    const [row] = await tx.rows<CommentRow & { claim_text: string }>(
      `SELECT ${COMMENT_COLUMNS}, cl.text AS claim_text
         FROM comments c JOIN users u ON u.id = c.author_id JOIN claims cl ON cl.id = c.claim_id
        WHERE c.id = $1 AND c.workspace_id = $2 AND c.deleted_at IS NULL
        FOR UPDATE OF c`,
      [id, actor.workspaceId],
    );
    if (!row) throw AppError.notFound('Comment');
    return row;
  }

  private mentioning(actor: Actor, row: { id: string; claim_id: string; body: string }, claimText: string) {
    return { id: row.id, workspaceId: actor.workspaceId, claimId: row.claim_id, claimText, body: row.body, author: { id: actor.userId, name: actor.name } };
  }

  private async record(
    tx: Tx,
    actor: Actor,
    claimId: string,
    type: 'comment.added' | 'comment.edited' | 'comment.resolved' | 'comment.reopened' | 'comment.deleted',
    commentId: string,
  ): Promise<void> {
    await this.history.append(tx, { workspaceId: actor.workspaceId, claimId, type, actorId: actor.userId, data: { commentId } });
  }
}
