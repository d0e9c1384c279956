import { SIGNAL_WORDS, trackBody, trackedAddress, worthiness, type Suggestion } from './suggestions';

const promise: Suggestion = {
  text: 'The money Kenya spent on the Haiti mission will be reimbursed by June',
  sentence: '“The money Kenya spent on the Haiti mission will be reimbursed by June,” said PS Korir Sing’Oei.',
  claimant: { name: "Korir Sing'Oei", affiliation: 'Principal Secretary, Foreign Affairs' },
  kind: 'promise',
  checkworthiness: 0.834,
  signals: ['money', 'attribution', 'future'],
  suggestedFollowUpAt: '2027-06-30T21:00:00.000Z',
};

describe('intake from a source', () => {
  it('names every signal in a word', () => {
    expect(promise.signals.map((s) => SIGNAL_WORDS[s])).toEqual(['Money', 'Attribution', 'Future']);
    expect(Object.values(SIGNAL_WORDS)).toEqual(['Number', 'Money', 'Attribution', 'Future', 'Comparison', 'Hedge', 'Opinion']);
    expect(worthiness(0.834)).toBe('83%');
  });

  it('tracks a suggestion as its text, kind and claimant, with the sentence as the quote and the source', () => {
    expect(trackBody(promise, 's1')).toEqual({
      text: promise.text,
      kind: 'promise',
      claimant: { name: "Korir Sing'Oei", affiliation: 'Principal Secretary, Foreign Affairs' },
      quote: promise.sentence,
      sourceId: 's1',
      priority: 'normal',
    });
  });

  it('takes the claimant the person names when the suggestion has none', () => {
    const anonymous = { ...promise, claimant: undefined };
    expect(trackBody(anonymous, 's1', { name: ' Ruto ', affiliation: ' ' }).claimant).toEqual({ name: 'Ruto' });
    expect(() => trackBody(anonymous, 's1')).toThrow('claimant');
  });

  it('opens the claim with the suggested follow-up as a wall time of the person’s zone', () => {
    expect(trackedAddress('c1', promise, 'Africa/Nairobi')).toBe('/claims/c1?followUp=2027-07-01T00%3A00');
    expect(trackedAddress('c1', { ...promise, suggestedFollowUpAt: undefined }, 'UTC')).toBe('/claims/c1');
  });
});
