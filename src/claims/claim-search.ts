import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { decodeCursor, toPage, type CursorKey, type CursorValue, type Page } from '../common/pagination/pagination';
import { followingColumn } from './following/followers.service';
import { CLAIM_COLUMNS, CLAIM_FROM, toClaimRecord, type ClaimRecord, type ClaimRow } from './claim.record';
import type { ClaimListQuery, ClaimSort } from './dto/claim-list.query';
import { PRIORITIES } from './vocabulary';

/**
 * How each sort orders rows and pages through them (keyset: the cursor is the sort key of the
 * last row, so rows added meanwhile never shift a page).
 */
const SORTS: Record<
  ClaimSort,
  { orderBy: string; cursor: CursorKey; key: (c: ClaimRecord) => CursorValue[]; after: (p: (v: unknown) => string, cursor: CursorValue[]) => string }
> = {
  '-updatedAt': {
    cursor: { list: 'claims:-updatedAt', parts: ['timestamp', 'uuid'] },
    orderBy: 'c.updated_at DESC, c.id DESC',
    key: (c) => [c.updatedAt.toISOString(), c.id],
    after: (p, [updatedAt, id]) => `(c.updated_at, c.id) < (${p(updatedAt)}::timestamptz, ${p(id)}::uuid)`,
  },
  updatedAt: {
    cursor: { list: 'claims:updatedAt', parts: ['timestamp', 'uuid'] },
    orderBy: 'c.updated_at ASC, c.id ASC',
    key: (c) => [c.updatedAt.toISOString(), c.id],
    after: (p, [updatedAt, id]) => `(c.updated_at, c.id) > (${p(updatedAt)}::timestamptz, ${p(id)}::uuid)`,
  },
  dueAt: {
    cursor: { list: 'claims:dueAt', parts: ['timestamp-or-null', 'uuid'] },
    // Claims without a due date come last.
    orderBy: 'c.due_at ASC NULLS LAST, c.id ASC',
    key: (c) => [c.dueAt?.toISOString() ?? null, c.id],
    after: (p, [dueAt, id]) =>
      dueAt === null ? `(c.due_at IS NULL AND c.id > ${p(id)}::uuid)` : `((c.due_at, c.id) > (${p(dueAt)}::timestamptz, ${p(id)}::uuid) OR c.due_at IS NULL)`,
  },
  '-priority': {
    cursor: { list: 'claims:-priority', parts: [PRIORITIES, 'timestamp', 'uuid'] },
    orderBy: 'c.priority DESC, c.updated_at DESC, c.id DESC',
    key: (c) => [c.priority, c.updatedAt.toISOString(), c.id],
    after: (p, [priority, updatedAt, id]) =>
      `(c.priority, c.updated_at, c.id) < (${p(priority)}::claim_priority, ${p(updatedAt)}::timestamptz, ${p(id)}::uuid)`,
  },
};

/**
 * The claims list: filters, full-text search and sorts, each backed by an index
 * (migration ClaimsLifecycle; bench/README.md shows the plans at 100k claims).
 */
@Injectable()
export class ClaimSearch {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: ClaimListQuery): Promise<Page<ClaimRecord>> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`c.workspace_id = ${p(actor.workspaceId)}`];
    if (query.status) where.push(`c.status = ${p(query.status)}`);
    if (query.kind) where.push(`c.kind = ${p(query.kind)}`);
    if (query.assignee) where.push(`c.assignee_id = ${p(query.assignee === 'me' ? actor.userId : query.assignee.toLowerCase())}`);
    if (query.tag) where.push(`c.tags @> ARRAY[${p(query.tag)}]::text[]`);
    if (query.claimant) where.push(`c.claimant_name ILIKE ${p(`%${escapeLike(query.claimant)}%`)}`);
    if (query.q) where.push(`c.search_vector @@ websearch_to_tsquery('english', ${p(query.q)})`);
    if (query.dueBefore) where.push(`c.due_at < ${p(query.dueBefore)}::timestamptz`);

    const sort = SORTS[query.sort];
    if (query.cursor) where.push(sort.after(p, decodeCursor(query.cursor, sort.cursor)));
    const sql = `SELECT ${CLAIM_COLUMNS}, ${followingColumn(p(actor.userId))} FROM ${CLAIM_FROM} WHERE ${where.join(' AND ')} ORDER BY ${sort.orderBy} LIMIT ${p(query.limit + 1)}`;
    const rows: ClaimRow[] = await this.dataSource.query(sql, params);
    return toPage(rows.map(toClaimRecord), query.limit, sort.cursor, sort.key, (c) => c);
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
