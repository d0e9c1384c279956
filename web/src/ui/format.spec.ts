import { calendarDaysBetween, dueInWords, initials, instantToWallTime, relativeTime, wallTimeToInstant } from './format';

describe('dates for people', () => {
  const now = new Date('2026-12-04T10:00:00Z');

  it('says a due date in words, overdue by calendar days in the zone', () => {
    expect(dueInWords('2026-12-02T09:00:00Z', now, 'UTC')).toEqual({ text: 'Overdue 2 days', overdue: true });
    expect(dueInWords('2026-12-03T23:00:00Z', now, 'UTC')).toEqual({ text: 'Overdue 1 day', overdue: true });
    expect(dueInWords('2026-12-04T08:00:00Z', now, 'UTC')).toEqual({ text: 'Overdue today', overdue: true });
    expect(dueInWords('2026-12-04T18:00:00Z', now, 'UTC')).toEqual({ text: 'Due today', overdue: false });
    expect(dueInWords('2026-12-05T18:00:00Z', now, 'UTC')).toEqual({ text: 'Due tomorrow', overdue: false });
    expect(dueInWords('2026-12-09T18:00:00Z', now, 'UTC')).toEqual({ text: 'Due in 5 days', overdue: false });
    // 22:30 UTC on the 4th is already the 5th in Nairobi (UTC+3).
    expect(calendarDaysBetween(now, new Date('2026-12-04T22:30:00Z'), 'Africa/Nairobi')).toBe(1);
  });

  it('reads a typed date and time in the person’s zone', () => {
    expect(wallTimeToInstant('2026-12-04T09:30', 'Africa/Nairobi')!.toISOString()).toBe('2026-12-04T06:30:00.000Z');
    expect(wallTimeToInstant('2026-12-04T09:30:15', 'UTC')!.toISOString()).toBe('2026-12-04T09:30:15.000Z');
    expect(wallTimeToInstant('2026-07-01', 'Europe/Berlin')!.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(wallTimeToInstant('2026-01-15T12:00', 'America/New_York')!.toISOString()).toBe('2026-01-15T17:00:00.000Z');
    expect(wallTimeToInstant('next tuesday', 'UTC')).toBeNull();
    expect(instantToWallTime(new Date('2026-12-04T06:30:00Z'), 'Africa/Nairobi')).toBe('2026-12-04T09:30');
  });

  it('says how far away an instant is', () => {
    expect(relativeTime('2026-12-07T10:00:00Z', now)).toBe('in 3 days');
    expect(relativeTime('2026-12-04T09:55:00Z', now)).toBe('5 minutes ago');
  });

  it('makes initials', () => {
    expect(initials('Grace Wanjiru')).toBe('GW');
    expect(initials('chebet@desk.example')).toBe('CD');
  });
});
