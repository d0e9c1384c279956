import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ClaimObservers, type ClaimChange, type ClaimObserver } from '../claims/claim-observers';
import type { ClaimRecord } from '../claims/claim.record';
import { isFinalRating } from '../claims/vocabulary';
import type { Tx } from '../database/transaction';
import { RemindersService } from './reminders.service';

/**
 * The automatic reminders, as reactions to what happens to a claim (in its transaction):
 * a `deadline` at `dueAt`, moved when it moves; a `follow_up` when monitoring starts; every
 * scheduled reminder cancelled when the claim is rejected or published with a final rating.
 */
@Injectable()
export class ClaimReactions implements ClaimObserver, OnModuleInit {
  constructor(
    private readonly observers: ClaimObservers,
    private readonly reminders: RemindersService,
  ) {}

  onModuleInit(): void {
    this.observers.register(this);
  }

  reactsToCreation(claim: ClaimRecord): boolean {
    return claim.dueAt !== null && claim.dueAt.getTime() > Date.now();
  }

  async onClaimChange(tx: Tx, change: ClaimChange): Promise<void> {
    const actorId = change.actor.userId;
    const { claim } = change;
    switch (change.type) {
      case 'created':
        if (this.reactsToCreation(claim)) await this.scheduleDeadline(tx, claim, actorId);
        return;
      case 'updated':
        if (change.fields.includes('dueAt')) await this.followDueAt(tx, claim, actorId);
        return;
      case 'transitioned':
        if (change.to === 'monitoring' && claim.followUpAt) {
          await this.reminders.cancelMany(tx, await this.reminders.scheduledOf(tx, claim.id, 'follow_up'), actorId, 'replaced by a new follow-up');
          await this.reminders.schedule(tx, {
            workspaceId: claim.workspaceId,
            claimId: claim.id,
            kind: 'follow_up',
            message: `Follow up: ${claim.text}`,
            dueAt: claim.followUpAt,
            every: null,
            until: null,
            actorId,
          });
        } else if (change.to === 'rejected') {
          await this.reminders.cancelMany(tx, await this.reminders.scheduledOf(tx, claim.id), actorId, 'the claim was rejected');
        } else if (change.to === 'published' && claim.verdictRating && isFinalRating(claim.verdictRating)) {
          await this.reminders.cancelMany(
            tx,
            await this.reminders.scheduledOf(tx, claim.id),
            actorId,
            `published with the final rating ${claim.verdictRating}`,
          );
        }
        return;
    }
  }

  private async scheduleDeadline(tx: Tx, claim: ClaimRecord, actorId: string): Promise<void> {
    await this.reminders.schedule(tx, {
      workspaceId: claim.workspaceId,
      claimId: claim.id,
      kind: 'deadline',
      message: `Deadline: ${claim.text}`,
      dueAt: claim.dueAt!,
      every: null,
      until: null,
      actorId,
    });
  }

  /** The deadline reminder follows the claim's dueAt: moved, cancelled, or created. */
  private async followDueAt(tx: Tx, claim: ClaimRecord, actorId: string): Promise<void> {
    const [deadline] = await this.reminders.scheduledOf(tx, claim.id, 'deadline');
    const future = claim.dueAt && claim.dueAt.getTime() > Date.now();
    if (deadline && future) await this.reminders.move(tx, deadline, claim.dueAt!, actorId);
    else if (deadline) await this.reminders.cancelMany(tx, [deadline], actorId, claim.dueAt ? 'the deadline moved into the past' : 'the deadline was removed');
    else if (future) await this.scheduleDeadline(tx, claim, actorId);
  }
}
