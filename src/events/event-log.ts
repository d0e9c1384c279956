import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction';
import type { LiveEventType } from './live-events';
import { LiveRelay } from './live-relay';
import type { EventType } from './outbox-event.entity';

/** What people read of an event: a title, a plain text, and optionally an HTML version of it. */
export interface Notice {
  title: string;
  text: string;
  /** An HTML alternative to `text` for e-mail (built with escaping by the writer). */
  html?: string;
  /**
   * `text` is sealed with SecretBox, because it holds a credential (a sign-in link): the row
   * alone is not enough to use it. The sender opens it; such a notice has no `html`.
   */
  sealed?: boolean;
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

/** One event of a workspace's live stream (GET /v1/events). */
export interface LiveEventInput {
  workspaceId: string;
  type: LiveEventType;
  claimId?: string | null;
  /** For this user alone (notification.created); omitted: for everyone of the workspace. */
  userId?: string | null;
  /**
   * Who made the change, when the event names one: its `data` then gets `actor: { id, name }`
   * (`null` for a change made by the system).
   */
  actorId?: string | null;
  data: Record<string, unknown>;
}

/**
 * Writes events into the log inside the caller's transaction: the event commits or rolls back
 * with the change it describes. Readers (webhook dispatch, notifications, the live relay) take
 * it from there.
 */
@Injectable()
export class EventLog {
  private readonly kicked = new WeakSet<Tx>();

  constructor(private readonly relay: LiveRelay) {}

  /**
   * Writes live events, in this order; once the transaction has committed the relay numbers
   * them and publishes them to every API host.
   */
  async recordLive(tx: Tx, events: LiveEventInput[]): Promise<void> {
    if (events.length === 0) return;
    await tx.rows(
      `INSERT INTO outbox_events (workspace_id, type, payload, claim_id, user_id, live, dispatched_at)
       SELECT e.ws, e.type,
              CASE WHEN e.names_actor
                   THEN e.data || jsonb_build_object('actor', CASE WHEN u.id IS NULL THEN NULL ELSE jsonb_build_object('id', u.id, 'name', u.name) END)
                   ELSE e.data END,
              e.claim, e.usr, true, now()
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::uuid[], $5::uuid[], $6::uuid[], $7::boolean[])
              WITH ORDINALITY AS e(ws, type, data, claim, usr, actor, names_actor, n)
         LEFT JOIN users u ON u.id = e.actor
        ORDER BY e.n`,
      [
        events.map((e) => e.workspaceId),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => e.claimId ?? null),
        events.map((e) => e.userId ?? null),
        events.map((e) => e.actorId ?? null),
        events.map((e) => e.actorId !== undefined),
      ],
    );
    if (!this.kicked.has(tx)) {
      this.kicked.add(tx);
      tx.afterCommit(() => this.relay.kick());
    }
  }

  /**
   * For a writer that put live rows in the outbox with its own statement, outside a Tx, once that
   * statement has committed: the relay numbers and publishes them.
   */
  liveWritten(): void {
    this.relay.kick();
  }

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
