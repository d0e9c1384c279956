import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ClaimObservers, type ClaimChange, type ClaimObserver } from '../../claims/claim-observers';
import type { Tx } from '../../database/transaction';
import { JobQueue } from '../../queues/job-queue.service';
import { JobName } from '../../queues/jobs';
import type { ActivityKind } from './claim-activity.entity';

export interface ActivityEntry {
  workspaceId: string;
  claimId: string;
  actorId: string;
  kind: ActivityKind;
  data: Record<string, unknown>;
}

/**
 * Writes what followers are to be told, in the transaction of the change: transitions and
 * changes of assignee as a ClaimObserver (claims/ knows nothing of this), new comments from
 * CommentsService. After commit a job asks a worker to tell them at once; the activity sweep
 * (every second) is the backstop when that job is lost.
 */
@Injectable()
export class ActivityLog implements ClaimObserver, OnModuleInit {
  constructor(
    private readonly observers: ClaimObservers,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.observers.register(this);
  }

  /** A new claim is no activity of its own (its history says it was created). */
  reactsToCreation(): boolean {
    return false;
  }

  async onClaimChange(tx: Tx, change: ClaimChange): Promise<void> {
    const { claim, actor } = change;
    const base = { workspaceId: claim.workspaceId, claimId: claim.id, actorId: actor.userId };
    if (change.type === 'transitioned') {
      await this.record(tx, { ...base, kind: 'transition', data: { from: change.from, to: change.to, note: change.note } });
    } else if (change.type === 'updated' && change.fields.includes('assigneeId')) {
      const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
      await this.record(tx, {
        ...base,
        kind: 'assignee',
        data: { assignee: ref(claim.assigneeId, claim.assigneeName), previous: ref(change.before.assigneeId, change.before.assigneeName) },
      });
    }
  }

  async record(tx: Tx, entry: ActivityEntry): Promise<void> {
    const [row] = await tx.rows<{ id: string }>(
      `INSERT INTO claim_activities (workspace_id, claim_id, actor_id, kind, data) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [entry.workspaceId, entry.claimId, entry.actorId, entry.kind, JSON.stringify(entry.data)],
    );
    tx.afterCommit(() => this.jobs.enqueueMany([{ name: JobName.NotifyActivity, payload: { activityId: row.id }, jobId: `activity-${row.id}` }]));
  }
}
