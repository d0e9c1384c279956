import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppError, type FieldError } from '../common/http/app-error';
import { toDate } from '../common/http/dto-helpers';
import { requireMatch, staleVersion, type IfMatch } from '../common/http/etag';
import { inTransaction } from '../database/transaction';
import { EventLog } from '../events/event-log';
import { ClaimObservers } from './claim-observers';
import { CLAIM_RETURNING, toClaimRecord, type ClaimRecord, type ClaimRow } from './claim.record';
import { claimView, verdictView } from './claim.view';
import { ClaimsService } from './claims.service';
import type { TransitionDto } from './dto/claim.dto';
import { ClaimFollowers } from './following/followers.service';
import { HistoryService } from './history/history.service';
import { decideTransition, type TransitionDecision } from './lifecycle';
import type { ClaimStatus } from './vocabulary';

/** Which body fields belong to which target status; sending one elsewhere is a 400. */
const FIELD_TARGETS: Array<{ field: 'verdict' | 'followUpAt' | 'reviewUrl'; to: ClaimStatus }> = [
  { field: 'verdict', to: 'in_review' },
  { field: 'followUpAt', to: 'monitoring' },
  { field: 'reviewUrl', to: 'published' },
];

/**
 * Moves a claim through the lifecycle table (lifecycle.ts). The status change, its effects
 * and its history event commit in one transaction, as one conditional UPDATE on the version.
 */
@Injectable()
export class TransitionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly claims: ClaimsService,
    private readonly history: HistoryService,
    private readonly observers: ClaimObservers,
    private readonly events: EventLog,
    private readonly followers: ClaimFollowers,
  ) {}

  async transition(actor: Actor, id: string, ifMatch: IfMatch, dto: TransitionDto): Promise<ClaimRecord> {
    const misplaced: FieldError[] = FIELD_TARGETS.filter(({ field, to }) => dto[field] !== undefined && dto.to !== to).map(({ field, to }) => ({
      field,
      message: `only applies to a transition to ${to}`,
    }));
    if (misplaced.length > 0) throw AppError.validation(misplaced);

    return inTransaction(this.dataSource, async (tx) => {
      const before = await this.claims.get(actor, id, tx);
      requireMatch(ifMatch, before.version);

      const now = new Date();
      const followUpAt = toDate(dto.followUpAt);
      const decision = decideTransition(before.status, dto.to, actor.role, () => ({
        kind: before.kind,
        evidenceCount: before.evidenceCount,
        proposedBy: before.verdictProposedBy,
        actorId: actor.userId,
        note: dto.note,
        verdict: dto.verdict,
        followUpAt: followUpAt ?? undefined,
        now,
      }));
      if (!decision.ok) throw refusal(decision, before.status, dto.to);
      const { effects, guards } = decision.rule;

      const assignToActor = effects.includes('assign_actor_if_unassigned') && before.assigneeId === null;
      const proposing = effects.includes('propose_verdict') && dto.verdict;
      const publishing = effects.includes('publish');
      const [row] = await tx.rows<ClaimRow>(
        `UPDATE claims
            SET status = $4, assignee_id = $5, follow_up_at = $6,
                verdict_rating = $7, verdict_summary = $8, verdict_proposed_by = $9, verdict_proposed_at = $10,
                published_at = $11, review_url = $12, version = version + 1, updated_at = now()
          WHERE id = $1 AND workspace_id = $2 AND version = $3 ${guards.includes('evidence_required') ? 'AND evidence_count > 0' : ''}
          RETURNING ${CLAIM_RETURNING}`,
        [
          id,
          actor.workspaceId,
          before.version,
          dto.to,
          assignToActor ? actor.userId : before.assigneeId,
          effects.includes('set_follow_up') ? followUpAt : before.followUpAt,
          proposing ? dto.verdict!.rating : before.verdictRating,
          proposing ? dto.verdict!.summary.trim() : before.verdictSummary,
          proposing ? actor.userId : before.verdictProposedBy,
          proposing ? now : before.verdictProposedAt,
          publishing ? now : before.publishedAt,
          publishing ? (dto.reviewUrl ?? before.reviewUrl) : before.reviewUrl,
        ],
      );
      if (!row) throw staleVersion(before.version + 1);
      // Whoever starts research on an unassigned claim becomes its assignee, and so follows it.
      if (assignToActor) await this.followers.add(tx, id, [actor.userId]);
      const claim = toClaimRecord({
        ...row,
        assignee_name: assignToActor ? actor.name : before.assigneeName,
        following: before.following === true || assignToActor,
      });

      const data: Record<string, unknown> = {
        from: before.status,
        to: dto.to,
        note: dto.note?.trim() || null,
        verdict: proposing || publishing ? verdictView(claim) : null,
      };
      if (assignToActor) data.assignee = { id: actor.userId, name: actor.name };
      if (effects.includes('set_follow_up')) data.followUpAt = claim.followUpAt?.toISOString() ?? null;
      if (publishing && claim.reviewUrl) data.reviewUrl = claim.reviewUrl;
      await this.history.append(tx, { workspaceId: actor.workspaceId, claimId: id, type: 'claim.transitioned', actorId: actor.userId, data });
      const view = claimView(claim);
      const payload = { claim: view, from: before.status, to: dto.to, note: data.note, actor: { id: actor.userId, name: actor.name } };
      await this.events.record(tx, { workspaceId: actor.workspaceId, type: 'claim.transitioned', payload });
      if (publishing)
        await this.events.record(tx, { workspaceId: actor.workspaceId, type: 'claim.published', payload: { claim: view, verdict: view.verdict } });
      await this.observers.announce(tx, { type: 'transitioned', claim, from: before.status, to: dto.to, note: data.note as string | null, actor });
      return claim;
    });
  }
}

function refusal(decision: Exclude<TransitionDecision, { ok: true }>, from: ClaimStatus, to: ClaimStatus): AppError {
  switch (decision.code) {
    case 'ILLEGAL_TRANSITION':
      return new AppError('ILLEGAL_TRANSITION', `A claim cannot go from ${from} to ${to}; from ${from} it can go to ${decision.allowed.join(', ')}`, {
        allowed: decision.allowed,
      });
    case 'FORBIDDEN':
      return AppError.forbidden(`Moving a claim from ${from} to ${to} needs the ${decision.role} role`);
    case 'GUARD_FAILED':
      return new AppError('GUARD_FAILED', `${decision.guard}: ${decision.reason}`, { guard: decision.guard });
  }
}
