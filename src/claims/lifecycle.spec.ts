import { ROLES, type Role } from '../common/auth/roles';
import { allowedFrom, decideTransition, GUARDS, illegalPairs, TRANSITIONS, type GuardContext } from './lifecycle';
import { RATINGS_BY_KIND, STATUSES } from './vocabulary';

const now = new Date('2026-11-27T12:00:00Z');
const passing: GuardContext = {
  kind: 'promise',
  evidenceCount: 1,
  proposedBy: 'someone-else',
  actorId: 'me',
  note: 'because',
  verdict: { rating: 'in_the_works', summary: 'Funds were requested but not yet paid.' },
  followUpAt: new Date('2027-06-01T00:00:00Z'),
  now,
};

describe('the lifecycle table', () => {
  it('has the ten rows of the contract, and no duplicate pair', () => {
    expect(TRANSITIONS.map((r) => `${r.from}>${r.to}:${r.role}`).sort()).toEqual(
      [
        'submitted>in_research:checker',
        'submitted>rejected:editor',
        'rejected>submitted:editor',
        'in_research>monitoring:checker',
        'monitoring>in_research:checker',
        'in_research>in_review:checker',
        'monitoring>in_review:checker',
        'in_review>in_research:editor',
        'in_review>published:editor',
        'published>in_research:editor',
      ].sort(),
    );
  });

  it.each(illegalPairs())('refuses %s → %s with ILLEGAL_TRANSITION listing what is reachable', (from, to) => {
    const decision = decideTransition(from, to, 'admin', () => passing);
    expect(decision).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION', allowed: allowedFrom(from) });
  });

  it('lists reachable statuses from the table', () => {
    expect(allowedFrom('submitted').sort()).toEqual(['in_research', 'rejected']);
    expect(allowedFrom('in_review').sort()).toEqual(['in_research', 'published']);
    expect(allowedFrom('published')).toEqual(['in_research']);
    expect(STATUSES.every((s) => allowedFrom(s).length > 0)).toBe(true);
  });

  const roleCases = TRANSITIONS.flatMap((rule) =>
    ROLES.map((role): [string, string, Role, boolean] => [rule.from, rule.to, role, ROLES.indexOf(role) >= ROLES.indexOf(rule.role)]),
  );
  it.each(roleCases)('%s → %s as %s: allowed = %s', (from, to, role, allowed) => {
    const decision = decideTransition(from as never, to as never, role, () => passing);
    if (allowed) expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('checks the role before the guards', () => {
    const decision = decideTransition('submitted', 'rejected', 'checker', () => ({ ...passing, note: undefined }));
    expect(decision).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the guards', () => {
  const fails = (guard: keyof typeof GUARDS, ctx: Partial<GuardContext>) => expect(GUARDS[guard].check({ ...passing, ...ctx })).toEqual(expect.any(String));
  const passes = (guard: keyof typeof GUARDS, ctx: Partial<GuardContext>) => expect(GUARDS[guard].check({ ...passing, ...ctx })).toBeNull();

  it('note_required', () => {
    fails('note_required', { note: undefined });
    fails('note_required', { note: '   ' });
    passes('note_required', { note: 'The figure was withdrawn.' });
  });

  it('evidence_required', () => {
    fails('evidence_required', { evidenceCount: 0 });
    passes('evidence_required', { evidenceCount: 2 });
  });

  it.each(Object.entries(RATINGS_BY_KIND).flatMap(([kind, ratings]) => ratings.map((rating) => [kind, rating])))(
    'verdict_valid_for_kind accepts %s rated %s',
    (kind, rating) => {
      passes('verdict_valid_for_kind', { kind: kind as never, verdict: { rating, summary: 'Checked against the budget.' } });
    },
  );

  it('verdict_valid_for_kind refuses a rating of another kind, no verdict, an empty summary, and any rating of an opinion', () => {
    fails('verdict_valid_for_kind', { kind: 'statement', verdict: { rating: 'kept', summary: 'x' } });
    fails('verdict_valid_for_kind', { kind: 'promise', verdict: { rating: 'mostly_true', summary: 'x' } });
    fails('verdict_valid_for_kind', { kind: 'statement', verdict: undefined });
    fails('verdict_valid_for_kind', { kind: 'statement', verdict: { rating: 'true', summary: ' ' } });
    fails('verdict_valid_for_kind', { kind: 'opinion', verdict: { rating: 'true', summary: 'x' } });
  });

  it('promise_only and follow_up_in_future', () => {
    fails('promise_only', { kind: 'statement' });
    passes('promise_only', { kind: 'promise' });
    fails('follow_up_in_future', { followUpAt: undefined });
    fails('follow_up_in_future', { followUpAt: new Date(now.getTime() - 1) });
    fails('follow_up_in_future', { followUpAt: now });
    passes('follow_up_in_future', { followUpAt: new Date(now.getTime() + 60_000) });
  });

  it('four_eyes', () => {
    fails('four_eyes', { proposedBy: 'me', actorId: 'me' });
    passes('four_eyes', { proposedBy: 'her', actorId: 'me' });
  });

  it('reports the first failing guard of the row, by name', () => {
    const decision = decideTransition('in_research', 'in_review', 'checker', () => ({ ...passing, kind: 'statement', evidenceCount: 0, verdict: undefined }));
    expect(decision).toMatchObject({ ok: false, code: 'GUARD_FAILED', guard: 'evidence_required' });
  });
});
