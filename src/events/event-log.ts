import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction';
import type { EventType } from './outbox-event.entity';

/** What people read of an event: a title, a plain text, and optionally an HTML version of it. */
export interface Notice {
  title: string;
  text: string;
  /** An HTML alternative to `text` for e-mail (built with escaping by the writer). */
  html?: string;
}

/** One thing that happened in a workspace. */
export interface LoggedEvent {
  /** Chosen by the caller when it must reference the event before it is written. */
  id?: string;
  workspaceId: string;
  type: EventType;
  /** The event's `data`, exactly as webhook receivers get it. */
  payload: Record<string, unknown>;
  /** For people (inbox and e-mail): a title and a text. */
  notice?: Notice | null;
  /** Already fanned out by the writer (events for people): the dispatcher skips it. */
  dispatched?: boolean;
}

/**
 * Writes events into the log inside the caller's transaction: the event commits or rolls back
 * with the change it describes. Readers (webhook dispatch, notifications) take it from there.
 */
@Injectable()
export class EventLog {
  /** Writes one event; answers its id. */
  async record(tx: Tx, event: LoggedEvent): Promise<string> {
    const id = event.id ?? randomUUID();
    await tx.rows(
      `INSERT INTO outbox_events (id, workspace_id, type, payload, notice, dispatched_at) VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::boolean THEN now() END)`,
      [id, event.workspaceId, event.type, JSON.stringify(event.payload), event.notice ? JSON.stringify(event.notice) : null, event.dispatched === true],
    );
    return id;
  }

  /** Writes events in one statement; answers their ids, in order. */
  async recordMany(tx: Tx, events: LoggedEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const ids = events.map((e) => e.id ?? randomUUID());
    await tx.rows(
      `INSERT INTO outbox_events (id, workspace_id, type, payload, notice, dispatched_at)
       SELECT id, ws, type, payload, notice, CASE WHEN dispatched THEN now() END
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[], $6::boolean[]) AS e(id, ws, type, payload, notice, dispatched)`,
      [
        ids,
        events.map((e) => e.workspaceId),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.payload)),
        events.map((e) => (e.notice ? JSON.stringify(e.notice) : null)),
        events.map((e) => e.dispatched === true),
      ],
    );
    return ids;
  }
}
