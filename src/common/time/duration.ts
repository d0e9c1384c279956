import { DateTime, Duration } from 'luxon';

/**
 * ISO 8601 durations (`P30D`, `PT2S`, `P1M`), as reminders, escalation and the API take them,
 * added on the calendar in UTC so that "a month later" stays on the same day of the month.
 */
const ISO_DURATION = /^P(?=\d|T\d)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;

export function parseDuration(value: string): Duration | null {
  if (!ISO_DURATION.test(value)) return null;
  const duration = Duration.fromISO(value);
  return duration.isValid ? duration : null;
}

export function addDuration(at: Date, duration: Duration): Date {
  return DateTime.fromJSDate(at, { zone: 'utc' }).plus(duration).toJSDate();
}
