import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import type { Tx } from '../database/transaction';
import type { ClaimRecord } from './claim.record';
import type { ClaimStatus } from './vocabulary';

/** What happened to a claim, announced inside the transaction that did it. */
export type ClaimChange =
  | { type: 'created'; claim: ClaimRecord; actor: Actor }
  | { type: 'updated'; claim: ClaimRecord; before: ClaimRecord; fields: string[]; actor: Actor }
  | { type: 'transitioned'; claim: ClaimRecord; from: ClaimStatus; to: ClaimStatus; note: string | null; actor: Actor };

export interface ClaimObserver {
  /** Runs in the claim's transaction: what it writes commits or rolls back with the change. */
  onClaimChange(tx: Tx, change: ClaimChange): Promise<void>;
  /**
   * Whether the creation of this claim is a change it acts on. Creating a claim no observer acts
   * on takes one statement without a transaction, and announces nothing.
   */
  reactsToCreation(claim: ClaimRecord): boolean;
}

/**
 * The lifecycle announces what happened; modules above claims (reminders) react by
 * registering here. Claims never imports them, so adding a reaction never touches the
 * lifecycle code (docs/architecture.md, "Boundaries").
 */
@Injectable()
export class ClaimObservers {
  private readonly observers: ClaimObserver[] = [];

  register(observer: ClaimObserver): void {
    this.observers.push(observer);
  }

  reactToCreation(claim: ClaimRecord): boolean {
    return this.observers.some((observer) => observer.reactsToCreation(claim));
  }

  async announce(tx: Tx, change: ClaimChange): Promise<void> {
    for (const observer of this.observers) await observer.onClaimChange(tx, change);
  }
}
