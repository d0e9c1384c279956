import { ICalEventRepeatingFreq } from 'ical-generator';
import { parseDuration } from '../common/time/duration';

export interface CalendarRule {
  freq: ICalEventRepeatingFreq;
  interval: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/**
 * The RRULE frequency and interval that repeat exactly like `every` (an ISO 8601 duration),
 * or null when no rule can: reminders add durations in UTC (common/time/duration.ts), so a
 * whole number of minutes, hours, days or weeks is a fixed span and a whole number of months
 * or years is a calendar step; anything else (PT90S, P1M2D) is listed occurrence by occurrence.
 */
export function calendarRule(every: string): CalendarRule | null {
  const duration = parseDuration(every);
  if (!duration) return null;
  const { years, months, weeks, days, hours, minutes, seconds, milliseconds } = duration.toObject();
  const parts = [years, months, weeks, days, hours, minutes, seconds, milliseconds].map((n) => n ?? 0);
  if (!parts.every(Number.isInteger)) return null;
  const [y, mo, w, d, h, mi, s, ms] = parts;
  if (y > 0 || mo > 0) {
    if (w + d + h + mi + s + ms > 0) return null;
    const total = y * 12 + mo;
    return total % 12 === 0 ? { freq: ICalEventRepeatingFreq.YEARLY, interval: total / 12 } : { freq: ICalEventRepeatingFreq.MONTHLY, interval: total };
  }
  const span = w * WEEK + d * DAY + h * HOUR + mi * MINUTE + s * 1000 + ms;
  for (const [unit, freq] of [
    [WEEK, ICalEventRepeatingFreq.WEEKLY],
    [DAY, ICalEventRepeatingFreq.DAILY],
    [HOUR, ICalEventRepeatingFreq.HOURLY],
    [MINUTE, ICalEventRepeatingFreq.MINUTELY],
  ] as const) {
    if (span > 0 && span % unit === 0) return { freq, interval: span / unit };
  }
  return null;
}
