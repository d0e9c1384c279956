import { scoreCheckworthiness, type ScoreInput } from './scoring';

const base: ScoreInput = { text: 'The county opened a new market in the town.', signals: [], kind: 'statement', hasNamedClaimant: false, hasFollowUp: false };
const score = (input: Partial<ScoreInput>): number => scoreCheckworthiness({ ...base, ...input });

describe('scoreCheckworthiness', () => {
  it('stays within [0, 1] and is rounded to 3 decimals', () => {
    const high = score({
      text: 'President Samuel Otieno signed the Finance Bill on Friday, raising Ksh 300 billion, more than in 2025.',
      signals: ['number', 'money', 'attribution', 'comparison'],
      hasNamedClaimant: true,
    });
    const low = score({ text: 'We were sad.', signals: ['hedge'] });
    for (const value of [high, low]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      expect(Math.round(value * 1000) / 1000).toBe(value);
    }
  });

  it('rewards figures, money and comparisons', () => {
    const plain = score({});
    const withNumber = score({ text: 'The county opened 3 new markets in the town.', signals: ['number'] });
    const withMoney = score({ text: 'The county opened markets worth Ksh 3 billion.', signals: ['number', 'money'] });
    expect(withNumber).toBeGreaterThan(plain);
    expect(withMoney).toBeGreaterThan(withNumber);
  });

  it('caps opinions low whatever else they contain', () => {
    const opinion = score({
      text: 'We believe the Ksh 300 billion budget is the largest mistake since 2010.',
      signals: ['number', 'money', 'comparison', 'opinion'],
      kind: 'opinion',
    });
    expect(opinion).toBeLessThanOrEqual(0.15);
  });

  it('gives a promise a bonus only when it has a checkable outcome', () => {
    const vague = score({ text: 'The county will review the plan for the new market.', signals: ['future'], kind: 'promise' });
    const concrete = score({
      text: 'The county will build the new market by June 2027.',
      signals: ['future'],
      kind: 'promise',
      hasFollowUp: true,
    });
    expect(vague).toBeLessThanOrEqual(score({}));
    expect(concrete).toBeGreaterThan(vague + 0.1);
  });

  it('caps greetings and procedural filler', () => {
    expect(score({ text: 'Good morning and welcome to the 2026 budget briefing.', signals: ['number'] })).toBeLessThanOrEqual(0.1);
  });

  it('lowers vague sources and first-person talk without figures', () => {
    expect(score({ text: 'Critics say the county opened a new market in the town.', signals: ['attribution'] })).toBeLessThan(
      score({ text: 'The county opened a new market in the town, its records show.', signals: ['attribution'] }),
    );
    expect(score({ text: 'We will continue to engage all stakeholders.', signals: ['future'], kind: 'promise' })).toBeLessThan(score({}));
  });
});
