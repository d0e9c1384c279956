import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { dateTimeIn } from '../common/time/readable';
import { inTransaction, type Tx } from '../database/transaction';
import { Notifier, type PeopleEvent } from '../notifications/notifier.service';
import type { EscalationReason } from './escalation.entity';

/** Missed dates escalated per transaction. */
const BATCH = 100;

interface Missed {
  claim_id: string;
  workspace_id: string;
  text: string;
  status: string;
  assignee_id: string | null;
  assignee_name: string | null;
  reason: EscalationReason;
  since: Date;
  /** The workspace's time zone: people read the missed date in it. */
  timezone: string;
}

/**
 * Escalation of missed dates to a workspace's editors and admins: a claim still not in review,
 * published or rejected `escalateAfter` after its dueAt ("due"), or still monitoring that long
 * after its followUpAt ("follow_up"). The row in `escalations` (claim, reason, date) is written
 * in the transaction that publishes the event, so each missed date is told once; a date that
 * moves is a new row, so it is told again if the new date is missed too.
 */
@Injectable()
export class EscalationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifier: Notifier,
  ) {}

  /** Escalates everything overdue now; answers how many missed dates were escalated. */
  async escalateDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const { taken, escalated } = await inTransaction(this.dataSource, (tx) => this.batch(tx));
      total += escalated;
      if (taken < BATCH) return total;
    }
  }

  private async batch(tx: Tx): Promise<{ taken: number; escalated: number }> {
    // Claims locked by someone editing them are skipped this time and seen by the next sweep,
    // so an escalation never races a change of the date it is about. Durations are added in
    // UTC, as everywhere else (common/time/duration.ts).
    const missed = await tx.rows<Missed>(
      `SELECT c.id AS claim_id, c.workspace_id, c.text, c.status, c.assignee_id, a.name AS assignee_name, m.reason, m.since, w.timezone
         FROM workspaces w
         JOIN claims c ON c.workspace_id = w.id
         CROSS JOIN LATERAL (VALUES ('due', c.due_at), ('follow_up', c.follow_up_at)) AS m(reason, since)
         LEFT JOIN users a ON a.id = c.assignee_id
        WHERE w.escalate_after IS NOT NULL
          AND m.since IS NOT NULL
          AND CASE m.reason WHEN 'due' THEN c.status NOT IN ('in_review', 'published', 'rejected') ELSE c.status = 'monitoring' END
          AND ((m.since AT TIME ZONE 'UTC') + w.escalate_after::interval) AT TIME ZONE 'UTC' <= now()
          AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.claim_id = c.id AND e.reason = m.reason AND e.since = m.since)
        ORDER BY m.since
        LIMIT ${BATCH}
        FOR UPDATE OF c SKIP LOCKED`,
    );
    if (missed.length === 0) return { taken: 0, escalated: 0 };

    const eventIds = missed.map(() => randomUUID());
    const claimed = await tx.rows<{ event_id: string }>(
      `INSERT INTO escalations (claim_id, reason, since, workspace_id, event_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::uuid[])
       ON CONFLICT (claim_id, reason, since) DO NOTHING RETURNING event_id`,
      [missed.map((m) => m.claim_id), missed.map((m) => m.reason), missed.map((m) => m.since), missed.map((m) => m.workspace_id), eventIds],
    );
    const fresh = new Set(claimed.map((c) => c.event_id));
    const toTell = missed.flatMap((m, i) => (fresh.has(eventIds[i]) ? [{ missed: m, eventId: eventIds[i] }] : []));
    await this.notifier.publish(tx, await this.events(tx, toTell));
    return { taken: missed.length, escalated: toTell.length };
  }

  private async events(tx: Tx, toTell: Array<{ missed: Missed; eventId: string }>): Promise<PeopleEvent[]> {
    if (toTell.length === 0) return [];
    const editors = await tx.rows<{ id: string; workspace_id: string; email: string }>(
      `SELECT id, workspace_id, email FROM users WHERE active AND role IN ('editor', 'admin') AND workspace_id = ANY($1::uuid[])`,
      [[...new Set(toTell.map((t) => t.missed.workspace_id))]],
    );
    return toTell.map(({ missed: m, eventId }) => {
      const since = m.since.toISOString();
      const when = `${dateTimeIn(m.since, m.timezone)} (${m.timezone})`;
      const what = m.reason === 'due' ? `Overdue since ${when}` : `Follow-up missed since ${when}`;
      const url = `${this.config.publicUrl}/claims/${m.claim_id}`;
      return {
        id: eventId,
        workspaceId: m.workspace_id,
        type: 'claim.overdue' as const,
        payload: {
          claimId: m.claim_id,
          reason: m.reason,
          since,
          claim: { id: m.claim_id, text: m.text, status: m.status, assignee: m.assignee_id ? { id: m.assignee_id, name: m.assignee_name } : null },
        },
        notice: {
          title: `${m.reason === 'due' ? 'Overdue' : 'Follow-up missed'}: ${truncate(m.text, 80)}`,
          text: `${what}.\n\nClaim: ${m.text}\nStatus: ${m.status}\nAssignee: ${m.assignee_name ?? 'nobody'}\n\n${url}`,
        },
        message: `${what}: ${m.text}`,
        refs: { claimId: m.claim_id },
        data: { reason: m.reason, since },
        recipients: editors.filter((u) => u.workspace_id === m.workspace_id).map((u) => ({ id: u.id, email: u.email })),
      };
    });
  }
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
