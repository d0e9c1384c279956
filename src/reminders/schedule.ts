import { addDuration, parseDuration } from '../common/time/duration';

/** Recurrences of reminders, in ISO 8601 durations (common/time/duration.ts). */

/** The shortest interval a recurring reminder may have. */
export const MIN_EVERY_MS = 1000;

/** True when `every` is a duration of at least one second (measured from `from`). */
export function isValidEvery(every: string, from: Date): boolean {
  const duration = parseDuration(every);
  return duration !== null && addDuration(from, duration).getTime() - from.getTime() >= MIN_EVERY_MS;
}

/**
 * The occurrence after one due at `dueAt`, or null when the series is over. Occurrences missed
 * while nothing ran are skipped: a desk wants one reminder now, not a burst of stale ones.
 */
export function nextOccurrence(dueAt: Date, every: string | null, until: Date | null, now: Date): Date | null {
  if (!every) return null;
  const duration = parseDuration(every);
  if (!duration) return null;
  let next = addDuration(dueAt, duration);
  for (let guard = 0; next.getTime() <= now.getTime() && guard < 100_000; guard++) next = addDuration(next, duration);
  if (next.getTime() <= now.getTime()) return null;
  return until && next.getTime() > until.getTime() ? null : next;
}
