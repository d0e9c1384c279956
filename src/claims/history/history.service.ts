import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '../../database/transaction';
import { EventLog } from '../../events/event-log';
import { isLiveEventType } from '../../events/live-events';
import type { HistoryEventType } from './claim-event.entity';

export interface HistoryEntry {
  workspaceId: string;
  claimId: string;
  type: HistoryEventType;
  actorId: string | null;
  data: Record<string, unknown>;
}

export interface HistoryEventView {
  id: string;
  type: HistoryEventType;
  at: string;
  actor: { id: string; name: string } | null;
  data: Record<string, unknown>;
}

/**
 * A claim's append-only timeline. Writes happen inside the change's own transaction; an entry
 * whose type is a live event type is also written to the live stream of the workspace, with the
 * same `data` and its actor.
 */
@Injectable()
export class HistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventLog,
  ) {}

  async append(tx: Tx, ...entries: HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.rows(
      `INSERT INTO claim_events (workspace_id, claim_id, type, actor_id, data)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::jsonb[])`,
      [
        entries.map((e) => e.workspaceId),
        entries.map((e) => e.claimId),
        entries.map((e) => e.type),
        entries.map((e) => e.actorId),
        entries.map((e) => JSON.stringify(e.data)),
      ],
    );
    await this.events.recordLive(
      tx,
      entries.flatMap((e) =>
        isLiveEventType(e.type) ? [{ workspaceId: e.workspaceId, type: e.type, claimId: e.claimId, actorId: e.actorId, data: e.data }] : [],
      ),
    );
  }

  /** Oldest first. The caller has already checked that the claim is the actor's workspace's. */
  async list(workspaceId: string, claimId: string): Promise<HistoryEventView[]> {
    const rows: Array<{ id: string; type: HistoryEventType; at: Date; actor_id: string | null; actor_name: string | null; data: Record<string, unknown> }> =
      await this.dataSource.query(
        `SELECT e.id, e.type, e.at, e.actor_id, u.name AS actor_name, e.data
         FROM claim_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.claim_id = $1 AND e.workspace_id = $2
        ORDER BY e.seq`,
        [claimId, workspaceId],
      );
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      at: r.at.toISOString(),
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
      data: r.data,
    }));
  }
}
