import { asksNothing, FOUR_EYES_REASON, movesFor } from './moves';
import { refusalInWords } from './refusal';
import { ApiProblem } from '../api/client';
import { transitionButton } from './vocabulary';

const checker = { id: 'c1', role: 'checker' as const };
const editor = { id: 'e1', role: 'editor' as const };

describe('the moves the desk offers', () => {
  it('offers a checker only the checker steps of the lifecycle', () => {
    expect(movesFor({ status: 'submitted', kind: 'statement', verdict: null }, checker).map((m) => m.to)).toEqual(['in_research']);
    expect(movesFor({ status: 'in_review', kind: 'statement', verdict: null }, checker)).toEqual([]);
    expect(movesFor({ status: 'published', kind: 'statement', verdict: null }, checker)).toEqual([]);
  });

  it('offers an editor rejecting and restoring, asking a note to reject', () => {
    const moves = movesFor({ status: 'submitted', kind: 'opinion', verdict: null }, editor);
    expect(moves.map((m) => m.to)).toEqual(['in_research', 'rejected']);
    expect(moves.find((m) => m.to === 'rejected')!.needs.note).toBe(true);
    expect(movesFor({ status: 'rejected', kind: 'opinion', verdict: null }, editor).map((m) => m.to)).toEqual(['submitted']);
  });

  it('offers monitoring for promises only, asking a follow-up date', () => {
    expect(movesFor({ status: 'in_research', kind: 'statement', verdict: null }, checker).map((m) => m.to)).toEqual(['in_review']);
    const promise = movesFor({ status: 'in_research', kind: 'promise', verdict: null }, checker);
    expect(promise.map((m) => m.to)).toEqual(['monitoring', 'in_review']);
    expect(promise[0]!.needs).toEqual({ note: false, verdict: false, followUp: true, reviewUrl: false });
    expect(promise[1]!.needs.verdict).toBe(true);
  });

  it('never offers a verdict for an opinion', () => {
    expect(movesFor({ status: 'in_research', kind: 'opinion', verdict: null }, checker)).toEqual([]);
  });

  it('blocks publishing for the editor who proposed the verdict, saying why', () => {
    const mine = movesFor({ status: 'in_review', kind: 'statement', verdict: { proposedBy: 'e1' } }, editor);
    expect(mine.find((m) => m.to === 'published')!.blockedBecause).toBe(FOUR_EYES_REASON);
    const theirs = movesFor({ status: 'in_review', kind: 'statement', verdict: { proposedBy: 'c1' } }, editor);
    expect(theirs.find((m) => m.to === 'published')!.blockedBecause).toBeNull();
    expect(asksNothing(theirs.find((m) => m.to === 'published')!.needs)).toBe(true);
  });

  it('names each step as docs/desk.md, "The claim page", does', () => {
    expect(transitionButton('submitted', 'in_research')).toBe('Start research');
    expect(transitionButton('monitoring', 'in_research')).toBe('Resume research');
    expect(transitionButton('in_review', 'in_research')).toBe('Send back');
    expect(transitionButton('published', 'in_research')).toBe('Reopen');
    expect(transitionButton('rejected', 'submitted')).toBe('Restore');
    expect(transitionButton('monitoring', 'in_review')).toBe('Send to review');
  });

  it('says a refusal in words', () => {
    expect(refusalInWords(new ApiProblem(412, 'PRECONDITION_FAILED', 'stale'))).toBe('Changed by someone else — reload.');
    expect(refusalInWords(new ApiProblem(409, 'ILLEGAL_TRANSITION', 'no', [], ['in_research', 'rejected']))).toBe(
      'This move is not possible now. From here it can go to: In research, Rejected.',
    );
    expect(refusalInWords(new ApiProblem(422, 'GUARD_FAILED', 'add at least one evidence item before proposing a verdict'))).toBe(
      'Add at least one evidence item before proposing a verdict.',
    );
    const guarded = new ApiProblem(422, 'GUARD_FAILED', 'evidence_required: add at least one evidence item', [], [], { guard: 'evidence_required' });
    expect(refusalInWords(guarded)).toBe('Add at least one evidence item.');
    expect(refusalInWords(new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
  });
});
