import { agendaSections, dayLabel, everyInWords, sectionOf, untilAfterNextFiring, type Reminder } from './agenda';

function reminder(id: string, dueAt: string): Reminder {
  return {
    id,
    claimId: 'c1',
    message: `reminder ${id}`,
    dueAt,
    every: null,
    until: null,
    status: 'scheduled',
    kind: 'manual',
    firedCount: 0,
    lastFiredAt: null,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
  };
}

describe('the reminders agenda', () => {
  // Friday 4 December 2026, 10:00 UTC (13:00 in Nairobi).
  const now = new Date('2026-12-04T10:00:00Z');

  it('puts each reminder in its part of the agenda by the calendar of the zone', () => {
    expect(sectionOf('2026-12-04T09:59:00Z', now, 'UTC')).toBe('overdue');
    expect(sectionOf('2026-12-04T23:59:00Z', now, 'UTC')).toBe('today');
    // 22:00 UTC on the 4th is already Saturday the 5th in Nairobi.
    expect(sectionOf('2026-12-04T22:00:00Z', now, 'Africa/Nairobi')).toBe('week');
    expect(sectionOf('2026-12-10T23:00:00Z', now, 'UTC')).toBe('week');
    expect(sectionOf('2026-12-11T00:00:00Z', now, 'UTC')).toBe('later');
  });

  it('groups by day, overdue first, each day soonest first, leaving out empty parts', () => {
    const items = [
      reminder('later', '2027-01-15T08:00:00Z'),
      reminder('today-late', '2026-12-04T18:00:00Z'),
      reminder('overdue-new', '2026-12-04T08:00:00Z'),
      reminder('today-early', '2026-12-04T11:00:00Z'),
      reminder('overdue-old', '2026-12-01T08:00:00Z'),
      reminder('monday', '2026-12-07T09:00:00Z'),
    ];
    const sections = agendaSections(items, now, 'UTC');
    expect(sections.map((s) => s.title)).toEqual(['Overdue', 'Today', 'This week', 'Later']);
    expect(sections.map((s) => s.days.map((d) => [d.date, d.reminders.map((r) => r.id)]))).toEqual([
      [
        ['2026-12-01', ['overdue-old']],
        ['2026-12-04', ['overdue-new']],
      ],
      [['2026-12-04', ['today-early', 'today-late']]],
      [['2026-12-07', ['monday']]],
      [['2027-01-15', ['later']]],
    ]);
    expect(agendaSections([reminder('x', '2026-12-05T09:00:00Z')], now, 'UTC').map((s) => s.id)).toEqual(['week']);
    expect(agendaSections([], now, 'UTC')).toEqual([]);
  });

  it('names days in words, with the year only when it is another one', () => {
    expect(dayLabel('2026-12-04', now, 'UTC')).toBe('Today, Friday 4 December');
    expect(dayLabel('2026-12-05', now, 'UTC')).toBe('Tomorrow, Saturday 5 December');
    expect(dayLabel('2026-12-03', now, 'UTC')).toBe('Yesterday, Thursday 3 December');
    expect(dayLabel('2026-12-07', now, 'UTC')).toBe('Monday 7 December');
    expect(dayLabel('2027-01-15', now, 'UTC')).toBe('Friday 15 January 2027');
  });

  it('says a repeat in words', () => {
    expect(everyInWords('P1W')).toBe('every week');
    expect(everyInWords('P7D')).toBe('every week');
    expect(everyInWords('P1M')).toBe('every month');
    expect(everyInWords('P3D')).toBe('every 3 days');
    expect(everyInWords('PT12H')).toBe('every PT12H');
  });
});

describe("reading a claim's reminders again once one fires", () => {
  const now = Date.parse('2026-12-04T10:00:00Z');

  it('waits until just after the soonest scheduled reminder is due', () => {
    const soon = reminder('a', '2026-12-04T10:00:30Z');
    const later = reminder('b', '2026-12-05T10:00:00Z');
    expect(untilAfterNextFiring([later, soon], now)).toBe(31_500);
  });

  it('asks at most every 2 s about one already due, and not at all when none is scheduled', () => {
    expect(untilAfterNextFiring([reminder('a', '2026-12-04T09:00:00Z')], now)).toBe(2000);
    expect(untilAfterNextFiring([{ ...reminder('a', '2026-12-04T10:00:30Z'), status: 'done' }], now)).toBe(false);
    expect(untilAfterNextFiring([], now)).toBe(false);
  });

  it('never asks a browser timer for more than it can wait', () => {
    expect(untilAfterNextFiring([reminder('a', '2027-12-04T10:00:00Z')], now)).toBe(2 ** 31 - 1);
  });
});
