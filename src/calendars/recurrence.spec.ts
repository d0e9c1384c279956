import { ICalEventRepeatingFreq } from 'ical-generator';
import { calendarRule } from './recurrence';

describe('calendarRule', () => {
  it.each([
    ['PT15M', ICalEventRepeatingFreq.MINUTELY, 15],
    ['PT120S', ICalEventRepeatingFreq.MINUTELY, 2],
    ['PT2H', ICalEventRepeatingFreq.HOURLY, 2],
    ['PT90M', ICalEventRepeatingFreq.MINUTELY, 90],
    ['P1DT12H', ICalEventRepeatingFreq.HOURLY, 36],
    ['P1D', ICalEventRepeatingFreq.DAILY, 1],
    ['P14D', ICalEventRepeatingFreq.WEEKLY, 2],
    ['P1W', ICalEventRepeatingFreq.WEEKLY, 1],
    ['P1M', ICalEventRepeatingFreq.MONTHLY, 1],
    ['P18M', ICalEventRepeatingFreq.MONTHLY, 18],
    ['P1Y', ICalEventRepeatingFreq.YEARLY, 1],
  ])('%s repeats as FREQ=%s;INTERVAL=%d', (every, freq, interval) => {
    expect(calendarRule(every)).toEqual({ freq, interval });
  });

  it.each(['PT2S', 'PT90S', 'P1M2D', 'P1.5D', 'nonsense'])('%s has no rule', (every) => {
    expect(calendarRule(every)).toBeNull();
  });
});
