import { detectSignals } from './signals';
import type { Signal } from './types';

const has = (sentence: string, signal: Signal): boolean => detectSignals(sentence).includes(signal);

describe('detectSignals', () => {
  it('number: digits and number words, not idioms', () => {
    expect(has('The county hired 300 nurses.', 'number')).toBe(true);
    expect(has('The county hired three hundred nurses.', 'number')).toBe(true);
    expect(has('Voting went to a second round.', 'number')).toBe(true);
    expect(has('No one attended the meeting.', 'number')).toBe(false);
    expect(has('The delegates met at the hotel.', 'number')).toBe(false);
  });

  it('money: currencies, magnitudes and rates', () => {
    for (const sentence of [
      'The loan is worth Ksh 3 billion.',
      'The loan is worth KES 3bn.',
      'The loan is worth Sh300 million.',
      'The loan is worth US$25 million.',
      'The grant was $4 from each donor.',
      'The grant was €12 per family.',
      'Inflation fell to 4.1%.',
      'Inflation fell by two percent.',
      'Each family received 5,000 shillings.',
      'The bill ran to thousands of dollars.',
    ]) {
      expect({ sentence, money: has(sentence, 'money') }).toEqual({ sentence, money: true });
    }
    expect(has('The minister visited 14 schools.', 'money')).toBe(false);
  });

  it('attribution: said, stated, explained, told, according to, announced', () => {
    for (const verb of ['said', 'stated', 'explained', 'told reporters', 'announced']) {
      expect(has(`The minister ${verb} the dam was finished.`, 'attribution')).toBe(true);
    }
    expect(has('According to the ministry, the dam is finished.', 'attribution')).toBe(true);
    expect(has('The dam is finished.', 'attribution')).toBe(false);
  });

  it('future: will, plans to, is expected to, pledged to, is set to, promised; "would" only when reported', () => {
    for (const phrase of ['will build', 'plans to build', 'is expected to build', 'pledged to build', 'is set to build', 'promised to build']) {
      expect(has(`The county ${phrase} a new market.`, 'future')).toBe(true);
    }
    expect(has('The governor said the county would build a new market.', 'future')).toBe(true);
    expect(has('A new market would be nice.', 'future')).toBe(false);
    expect(has('It was the will of the people.', 'future')).toBe(false);
    expect(has('The county built a new market.', 'future')).toBe(false);
  });

  it('comparison: more/less than, -er than, superlatives, doubled, compared with', () => {
    for (const sentence of [
      'Turnout was more than 60 percent.',
      'Turnout was less than expected.',
      'Turnout was higher than in 2017.',
      'It is the largest dam in the region.',
      'She is the first woman to hold the post.',
      'Fees doubled in a year.',
      'Yields tripled after the rains.',
      'It recorded the lowest turnout yet.',
      'Exports rose 5% compared with last year.',
    ]) {
      expect({ sentence, comparison: has(sentence, 'comparison') }).toEqual({ sentence, comparison: true });
    }
    expect(has('The results were announced rather than leaked.', 'comparison')).toBe(false);
    expect(has('The dam was opened on Monday.', 'comparison')).toBe(false);
  });

  it('hedge: about/around a quantity, nearly, could, may (not the month), reportedly, estimated', () => {
    for (const sentence of [
      'About 300 families were moved.',
      'Around Ksh 2 billion was lost.',
      'Nearly half the schools closed.',
      'Roughly 40 people attended.',
      'The project could stall.',
      'The project may stall.',
      'The project might stall.',
      'The official was reportedly arrested.',
      'An estimated 2,000 people fled.',
    ]) {
      expect({ sentence, hedge: has(sentence, 'hedge') }).toEqual({ sentence, hedge: true });
    }
    expect(has('The project stalled in May.', 'hedge')).toBe(false);
    expect(has('They talked about the budget.', 'hedge')).toBe(false);
  });

  it("opinion: we believe, we don't see, I think, in my view, it is unfair", () => {
    for (const sentence of [
      'We believe the levy is too high.',
      "We don't see any reason to stop.",
      'I think the plan will fail.',
      'In my view, the plan will fail.',
      'It is unfair to tax the poor twice.',
    ]) {
      expect({ sentence, opinion: has(sentence, 'opinion') }).toEqual({ sentence, opinion: true });
    }
    expect(has('The levy rose to 1.5 percent.', 'opinion')).toBe(false);
  });

  it('returns signals in the contract order, without duplicates', () => {
    expect(detectSignals('Finance CS Amina Wekesa said the Treasury will borrow about Ksh 300 billion, more than last year.')).toEqual([
      'number',
      'money',
      'attribution',
      'future',
      'comparison',
      'hedge',
    ]);
    expect(detectSignals('The rain stopped.')).toEqual([]);
  });
});
