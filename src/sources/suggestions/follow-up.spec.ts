import { suggestFollowUp } from './follow-up';

/** Tuesday 10 March 2026, mid-morning UTC. */
const reference = new Date('2026-03-10T09:00:00Z');
const followUp = (sentence: string, ref: Date = reference) => suggestFollowUp(sentence, ref);

describe('suggestFollowUp', () => {
  it('"by June 2027" → the first day of that month', () => {
    expect(followUp('The ministry will hire 5,000 nurses by June 2027.')).toBe('2027-06-01T00:00:00.000Z');
  });

  it('"next year" → 1 January of the year after the reference date', () => {
    expect(followUp('The loan will be repaid next year.')).toBe('2027-01-01T00:00:00.000Z');
    expect(followUp('The loan will be repaid next year.', new Date('2030-11-20T00:00:00Z'))).toBe('2031-01-01T00:00:00.000Z');
  });

  it('"within six months" → the reference date plus six months', () => {
    expect(followUp('The wing will be completed within six months.')).toBe('2026-09-10T00:00:00.000Z');
    expect(followUp('The wing will be completed within 6 months.', new Date('2026-01-31T12:00:00Z'))).toMatch(/^2026-07-31/);
  });

  it('"by the end of the year" → 31 December of the reference year', () => {
    expect(followUp('Street lights will be installed by the end of the year.')).toBe('2026-12-31T00:00:00.000Z');
    expect(followUp('The audit will be done by year-end.')).toBe('2026-12-31T00:00:00.000Z');
  });

  it('"in March" → the next 1 March after the reference date', () => {
    expect(followUp('Prices will drop in March.')).toBe('2027-03-01T00:00:00.000Z');
    expect(followUp('Prices will drop in March.', new Date('2026-01-15T00:00:00Z'))).toBe('2026-03-01T00:00:00.000Z');
  });

  it('handles years chrono does not: "by 2030", "by the end of 2027", "mid-2028"', () => {
    expect(followUp('The line will reach Kisumu by 2030.')).toBe('2030-01-01T00:00:00.000Z');
    expect(followUp('The line will reach Kisumu by the end of 2027.')).toBe('2027-12-31T00:00:00.000Z');
    expect(followUp('The line will reach Kisumu by mid-2028.')).toBe('2028-07-01T00:00:00.000Z');
  });

  it('prefers the deadline to a weekday that dates the reporting', () => {
    expect(followUp('He told reporters on Tuesday that the dam will be finished by December.')).toBe('2026-12-01T00:00:00.000Z');
  });

  it('returns nothing without a usable future time expression', () => {
    expect(followUp('The county will build a new market.')).toBeUndefined();
    expect(followUp('The minister will now speak.')).toBeUndefined();
    expect(followUp('Delegates will arrive throughout the day.')).toBeUndefined();
    expect(followUp('The vote will be held on Saturday.')).toBeUndefined();
    expect(followUp('The road will be repaired by 2020.')).toBeUndefined();
  });
});
