import { roleAtLeast, type Role } from '../common/auth/roles';
import { RATINGS_BY_KIND, STATUSES, type ClaimKind, type ClaimStatus } from './vocabulary';

/**
 * The verification lifecycle as data (docs/api.md, "The lifecycle"). The transitions service
 * enforces this table, the `allowed` list of a 409 is read from it, and /docs prints it.
 */
export type GuardName = 'note_required' | 'evidence_required' | 'verdict_valid_for_kind' | 'promise_only' | 'follow_up_in_future' | 'four_eyes';

/** What a transition does besides changing the status. */
export type Effect = 'assign_actor_if_unassigned' | 'set_follow_up' | 'propose_verdict' | 'publish';

export interface TransitionRule {
  from: ClaimStatus;
  to: ClaimStatus;
  /** The lowest role allowed to make it. */
  role: Role;
  guards: GuardName[];
  effects: Effect[];
  /** For people: when a desk takes this step. */
  meaning: string;
}

const toReview: Omit<TransitionRule, 'from'> = {
  to: 'in_review',
  role: 'checker',
  guards: ['evidence_required', 'verdict_valid_for_kind'],
  effects: ['propose_verdict'],
  meaning: 'propose a verdict for editorial review',
};

export const TRANSITIONS: readonly TransitionRule[] = [
  {
    from: 'submitted',
    to: 'in_research',
    role: 'checker',
    guards: [],
    effects: ['assign_actor_if_unassigned'],
    meaning: 'start research (the actor becomes assignee if there is none)',
  },
  { from: 'submitted', to: 'rejected', role: 'editor', guards: ['note_required'], effects: [], meaning: 'reject as not checkable, with a note' },
  { from: 'rejected', to: 'submitted', role: 'editor', guards: [], effects: [], meaning: 'restore a rejected claim' },
  {
    from: 'in_research',
    to: 'monitoring',
    role: 'checker',
    guards: ['promise_only', 'follow_up_in_future'],
    effects: ['set_follow_up'],
    meaning: 'monitor a promise until its follow-up date',
  },
  { from: 'monitoring', to: 'in_research', role: 'checker', guards: [], effects: [], meaning: 'resume research' },
  { from: 'in_research', ...toReview },
  { from: 'monitoring', ...toReview },
  { from: 'in_review', to: 'in_research', role: 'editor', guards: ['note_required'], effects: [], meaning: 'send back to research, with a note' },
  { from: 'in_review', to: 'published', role: 'editor', guards: ['four_eyes'], effects: ['publish'], meaning: "publish the verdict (not the proposer's own)" },
  {
    from: 'published',
    to: 'in_research',
    role: 'editor',
    guards: ['note_required'],
    effects: [],
    meaning: 'reopen for a correction or a re-rating, with a note',
  },
];

export function findRule(from: ClaimStatus, to: ClaimStatus): TransitionRule | undefined {
  return TRANSITIONS.find((rule) => rule.from === from && rule.to === to);
}

/** The statuses reachable from `from` (the `allowed` list of ILLEGAL_TRANSITION). */
export function allowedFrom(from: ClaimStatus): ClaimStatus[] {
  return TRANSITIONS.filter((rule) => rule.from === from).map((rule) => rule.to);
}

/** Every (from, to) pair the table does not contain. */
export function illegalPairs(): Array<[ClaimStatus, ClaimStatus]> {
  return STATUSES.flatMap((from) => STATUSES.filter((to) => !findRule(from, to)).map((to): [ClaimStatus, ClaimStatus] => [from, to]));
}

/** What a guard may look at. */
export interface GuardContext {
  kind: ClaimKind;
  evidenceCount: number;
  /** Who proposed the current verdict (null when none). */
  proposedBy: string | null;
  actorId: string;
  note?: string;
  verdict?: { rating: string; summary: string };
  followUpAt?: Date;
  now: Date;
}

/** Each guard answers null when satisfied, or why it fails. */
export const GUARDS: Record<GuardName, { rule: string; check: (ctx: GuardContext) => string | null }> = {
  note_required: {
    rule: 'a non-empty `note` is required',
    check: (ctx) => (ctx.note?.trim() ? null : 'this transition needs a note explaining it'),
  },
  evidence_required: {
    rule: 'the claim has at least one evidence item',
    check: (ctx) => (ctx.evidenceCount > 0 ? null : 'add at least one evidence item before proposing a verdict'),
  },
  verdict_valid_for_kind: {
    rule: "`verdict { rating, summary }` with a rating valid for the claim's kind",
    check: (ctx) => {
      const ratings: readonly string[] = RATINGS_BY_KIND[ctx.kind];
      if (ratings.length === 0) return `a claim of kind ${ctx.kind} takes no rating; reject it instead`;
      if (!ctx.verdict) return 'a verdict { rating, summary } is required';
      if (!ratings.includes(ctx.verdict.rating)) return `rating "${ctx.verdict.rating}" is not valid for a ${ctx.kind}; use one of ${ratings.join(', ')}`;
      if (!ctx.verdict.summary.trim()) return 'the verdict needs a summary';
      return null;
    },
  },
  promise_only: {
    rule: 'the claim is of kind `promise`',
    check: (ctx) => (ctx.kind === 'promise' ? null : `only promises are monitored; this claim is a ${ctx.kind}`),
  },
  follow_up_in_future: {
    rule: '`followUpAt` is given and in the future',
    check: (ctx) => {
      if (!ctx.followUpAt) return 'monitoring needs followUpAt, the date to follow up';
      return ctx.followUpAt.getTime() > ctx.now.getTime() ? null : 'followUpAt must be in the future';
    },
  },
  four_eyes: {
    rule: 'the editor who publishes is not the user who proposed the verdict',
    check: (ctx) => (ctx.proposedBy !== ctx.actorId ? null : 'four eyes: the verdict must be published by someone other than its proposer'),
  },
};

export type TransitionDecision =
  | { ok: true; rule: TransitionRule }
  | { ok: false; code: 'ILLEGAL_TRANSITION'; allowed: ClaimStatus[] }
  | { ok: false; code: 'FORBIDDEN'; role: Role }
  | { ok: false; code: 'GUARD_FAILED'; guard: GuardName; reason: string };

/**
 * Decides a transition in the contract's order: an illegal pair (409), then the role (403,
 * even where a guard would also fail), then the guards in table order (422).
 */
export function decideTransition(from: ClaimStatus, to: ClaimStatus, actorRole: Role, context: () => GuardContext): TransitionDecision {
  const rule = findRule(from, to);
  if (!rule) return { ok: false, code: 'ILLEGAL_TRANSITION', allowed: allowedFrom(from) };
  if (!roleAtLeast(actorRole, rule.role)) return { ok: false, code: 'FORBIDDEN', role: rule.role };
  const ctx = context();
  for (const guard of rule.guards) {
    const reason = GUARDS[guard].check(ctx);
    if (reason) return { ok: false, code: 'GUARD_FAILED', guard, reason };
  }
  return { ok: true, rule };
}

/** The table as data, for the API docs' `x-lifecycle`: who may take each step and what it needs. */
export function lifecycleTable(): Array<Pick<TransitionRule, 'from' | 'to' | 'role' | 'guards'>> {
  return TRANSITIONS.map(({ from, to, role, guards }) => ({ from, to, role, guards: [...guards] }));
}

/** The table as Markdown, for the API docs. */
export function lifecycleMarkdown(): string {
  const rows = TRANSITIONS.map(
    (r) => `| ${r.from} → ${r.to} | ${r.role} | ${r.guards.map((g) => `${g}: ${GUARDS[g].rule}`).join('; ') || '—'} | ${r.meaning} |`,
  );
  return ['| from → to | minimum role | guards (422 GUARD_FAILED) | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
