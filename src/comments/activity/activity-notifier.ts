import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ClaimFollowers } from '../../claims/following/followers.service';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { inTransaction, type Tx } from '../../database/transaction';
import { Notifier, type PeopleEvent } from '../../notifications/notifier.service';
import { truncate } from '../mentions.service';
import type { ActivityKind } from './claim-activity.entity';

/** Activities told per transaction. */
const BATCH = 100;

interface PendingActivity {
  id: string;
  workspace_id: string;
  claim_id: string;
  actor_id: string;
  actor_name: string | null;
  kind: ActivityKind;
  data: Record<string, unknown>;
  claim_text: string;
  claim_status: string;
  /** For a comment: its body, or null once it was deleted. */
  comment_body: string | null;
}

type Ref = { id: string; name: string } | null;

const words = (status: unknown) => String(status).replaceAll('_', ' ');

/**
 * Tells a claim's followers what happened (worker side): each pending activity becomes one
 * `claim.activity` event, with an inbox entry and an e-mail (skipped without SMTP_URL) for
 * every active follower but the one who did it, through the Notifier as reminders are.
 *
 * Exactly once per follower and activity, whatever runs side by side or dies: the rows are
 * taken with FOR UPDATE SKIP LOCKED and deleted in the transaction that publishes their
 * events, so a worker that dies rolls back and another takes them; the event's id is the
 * activity's, so the outbox's primary key refuses a second event for it, and inbox entries
 * and deliveries are unique per event and person.
 */
@Injectable()
export class ActivityNotifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly followers: ClaimFollowers,
    private readonly notifier: Notifier,
  ) {}

  /** Tells everything pending; answers how many activities were taken. */
  async notifyPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await inTransaction(this.dataSource, (tx) => this.batch(tx));
      total += taken;
      if (taken < BATCH) return total;
    }
  }

  private async batch(tx: Tx): Promise<number> {
    const pending = await tx.rows<PendingActivity>(
      `SELECT a.id, a.workspace_id, a.claim_id, a.actor_id, u.name AS actor_name, a.kind, a.data, cl.text AS claim_text, cl.status AS claim_status,
              CASE WHEN cm.deleted_at IS NULL THEN cm.body END AS comment_body
         FROM claim_activities a
         JOIN claims cl ON cl.id = a.claim_id
         LEFT JOIN users u ON u.id = a.actor_id
         LEFT JOIN comments cm ON a.kind = 'comment' AND cm.id = (a.data->>'commentId')::uuid
        ORDER BY a.created_at
        LIMIT ${BATCH}
        FOR UPDATE OF a SKIP LOCKED`,
    );
    if (pending.length === 0) return 0;

    const followers = await this.followers.of(tx, [...new Set(pending.map((a) => a.claim_id))]);
    // Whoever a new comment mentions was told by their `mention` notification already.
    const commentIds = pending.flatMap((a) => (a.kind === 'comment' ? [String(a.data.commentId)] : []));
    const mentioned = commentIds.length
      ? await tx.rows<{ comment_id: string; user_id: string }>(`SELECT comment_id, user_id FROM comment_mentions WHERE comment_id = ANY($1::uuid[])`, [
          commentIds,
        ])
      : [];

    const events: PeopleEvent[] = [];
    for (const activity of pending) {
      // A comment deleted before its followers were told is not worth telling.
      if (activity.kind === 'comment' && activity.comment_body === null) continue;
      const told = new Set(mentioned.filter((m) => m.comment_id === activity.data.commentId).map((m) => m.user_id));
      const recipients = followers
        .filter((f) => f.claimId === activity.claim_id && f.id !== activity.actor_id && !told.has(f.id))
        .map((f) => ({ id: f.id, email: f.email }));
      if (recipients.length > 0) events.push(this.event(activity, recipients));
    }
    await this.notifier.publish(tx, events);
    await tx.rows(`DELETE FROM claim_activities WHERE id = ANY($1::uuid[])`, [pending.map((a) => a.id)]);
    return pending.length;
  }

  private event(activity: PendingActivity, recipients: PeopleEvent['recipients']): PeopleEvent {
    const actor = { id: activity.actor_id, name: activity.actor_name ?? '' };
    const { what, line } = phrase(activity, actor.name);
    const url = `${this.config.publicUrl}/claims/${activity.claim_id}`;
    const data = { activity: activity.kind, actor, ...activity.data };
    return {
      id: activity.id,
      workspaceId: activity.workspace_id,
      type: 'claim.activity',
      payload: { claimId: activity.claim_id, ...data, claim: { id: activity.claim_id, text: activity.claim_text, status: activity.claim_status } },
      notice: {
        title: `${what}: ${truncate(activity.claim_text, 80)}`,
        text: `${line}\n\nClaim: ${activity.claim_text}\n\n${url}\n\nYou follow this claim; unfollow it on its page to stop these notifications.`,
      },
      message: `${what}: ${activity.claim_text}`,
      refs: { claimId: activity.claim_id },
      data,
      recipients,
    };
  }
}

/** A short phrase for the title and inbox line, and a longer one for the e-mail. */
function phrase(activity: PendingActivity, actorName: string): { what: string; line: string } {
  const data = activity.data;
  switch (activity.kind) {
    case 'transition': {
      const what = `${actorName} moved it to ${words(data.to)}`;
      return {
        what,
        line: `${actorName} moved the claim from ${words(data.from)} to ${words(data.to)}.${typeof data.note === 'string' && data.note ? `\n\nNote: ${data.note}` : ''}`,
      };
    }
    case 'comment':
      return { what: `${actorName} commented`, line: `${actorName} commented:\n\n${activity.comment_body ?? ''}` };
    case 'assignee': {
      const assignee = data.assignee as Ref;
      const what = assignee ? `${actorName} assigned it to ${assignee.name}` : `${actorName} unassigned it`;
      return { what, line: `${what}.` };
    }
  }
}
