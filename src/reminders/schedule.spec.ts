import { addDuration, parseDuration } from '../common/time/duration';
import { isValidEvery, nextOccurrence } from './schedule';

describe('reminder schedule arithmetic', () => {
  it('parses ISO 8601 durations and refuses anything else', () => {
    expect(parseDuration('P30D')?.as('days')).toBe(30);
    expect(parseDuration('PT2S')?.as('seconds')).toBe(2);
    expect(parseDuration('P1M')?.months).toBe(1);
    expect(parseDuration('P1Y2M3DT4H5M6S')).not.toBeNull();
    for (const bad of ['', 'P', 'PT', '30D', '2 seconds', 'P1.5.2D', 'PTS']) expect(parseDuration(bad)).toBeNull();
  });

  it('adds months on the calendar, in UTC', () => {
    expect(addDuration(new Date('2026-01-31T09:00:00Z'), parseDuration('P1M')!).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(addDuration(new Date('2026-03-28T09:00:00Z'), parseDuration('P1D')!).toISOString()).toBe('2026-03-29T09:00:00.000Z');
  });

  it('accepts an interval of one second or more only', () => {
    const from = new Date('2026-11-27T00:00:00Z');
    expect(isValidEvery('PT1S', from)).toBe(true);
    expect(isValidEvery('P1W', from)).toBe(true);
    expect(isValidEvery('PT0.5S', from)).toBe(false);
    expect(isValidEvery('PT0S', from)).toBe(false);
    expect(isValidEvery('often', from)).toBe(false);
  });

  describe('nextOccurrence', () => {
    const due = new Date('2026-11-27T10:00:00Z');
    it('is null for a one-off reminder', () => {
      expect(nextOccurrence(due, null, null, due)).toBeNull();
    });
    it('adds the interval', () => {
      expect(nextOccurrence(due, 'P7D', null, due)?.toISOString()).toBe('2026-12-04T10:00:00.000Z');
    });
    it('skips occurrences missed while nothing ran', () => {
      const now = new Date('2026-11-27T10:00:07.500Z');
      expect(nextOccurrence(due, 'PT2S', null, now)?.toISOString()).toBe('2026-11-27T10:00:08.000Z');
    });
    it('ends the series after until', () => {
      expect(nextOccurrence(due, 'PT1H', new Date('2026-11-27T11:00:00Z'), due)?.toISOString()).toBe('2026-11-27T11:00:00.000Z');
      expect(nextOccurrence(due, 'PT1H', new Date('2026-11-27T10:59:59Z'), due)).toBeNull();
    });
  });
});
