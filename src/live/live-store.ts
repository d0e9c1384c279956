import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LIVE_EVENT_COLUMNS, liveEventOf, type LiveEvent, type LiveEventRow } from '../events/live-events';

/** The numbered live events of the outbox, read back from PostgreSQL: resuming and filling gaps. */
@Injectable()
export class LiveStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The last number given in the workspace's stream (0: none yet). */
  async head(workspaceId: string): Promise<number> {
    const rows: Array<{ last_seq: string }> = await this.dataSource.query(`SELECT last_seq FROM live_stream_heads WHERE workspace_id = $1`, [workspaceId]);
    return rows[0] ? Number(rows[0].last_seq) : 0;
  }

  async heads(workspaceIds: string[]): Promise<Map<string, number>> {
    const rows: Array<{ workspace_id: string; last_seq: string }> = await this.dataSource.query(
      `SELECT workspace_id, last_seq FROM live_stream_heads WHERE workspace_id = ANY($1::uuid[])`,
      [workspaceIds],
    );
    return new Map(rows.map((r) => [r.workspace_id, Number(r.last_seq)]));
  }

  /** The first event after `after` still kept, with its time: can a stream resume from `after`? */
  async firstAfter(workspaceId: string, after: number): Promise<{ seq: number; at: Date } | null> {
    const rows: Array<{ seq: string; created_at: Date }> = await this.dataSource.query(
      `SELECT seq, created_at FROM outbox_events WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT 1`,
      [workspaceId, after],
    );
    return rows[0] ? { seq: Number(rows[0].seq), at: rows[0].created_at } : null;
  }

  /**
   * Events with `after` < seq ≤ `upTo`, oldest first, at most `limit`: every one of the
   * workspace, or (with `userId`) those that user may see.
   */
  async range(workspaceId: string, after: number, upTo: number, limit: number, userId?: string): Promise<LiveEvent[]> {
    const rows: LiveEventRow[] = await this.dataSource.query(
      `SELECT ${LIVE_EVENT_COLUMNS} FROM outbox_events o
        WHERE o.workspace_id = $1 AND o.seq > $2 AND o.seq <= $3 ${userId ? 'AND (o.user_id IS NULL OR o.user_id = $5)' : ''}
        ORDER BY o.seq LIMIT $4`,
      userId ? [workspaceId, after, upTo, limit, userId] : [workspaceId, after, upTo, limit],
    );
    return rows.map(liveEventOf);
  }
}
