/**
 * Dates for people: in their time zone (their own, else the workspace's), and in words where
 * that reads better. Pure functions of (instant, now, zone), so they are tested without a clock.
 */
const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function zonedDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole calendar days from `from` to `to` in a zone (negative when `to` is earlier). */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  const a = Date.parse(`${zonedDate(from, timeZone)}T00:00:00Z`);
  const b = Date.parse(`${zonedDate(to, timeZone)}T00:00:00Z`);
  return Math.round((b - a) / DAY_MS);
}

/** A due date in words: `Overdue 2 days`, `Due today`, `Due tomorrow`, `Due in 5 days`. */
export function dueInWords(dueAt: string, now: Date, timeZone: string): { text: string; overdue: boolean } {
  const due = new Date(dueAt);
  const days = calendarDaysBetween(now, due, timeZone);
  if (due.getTime() < now.getTime()) {
    if (days >= 0) return { text: 'Overdue today', overdue: true };
    return { text: `Overdue ${-days} ${-days === 1 ? 'day' : 'days'}`, overdue: true };
  }
  if (days === 0) return { text: 'Due today', overdue: false };
  if (days === 1) return { text: 'Due tomorrow', overdue: false };
  return { text: `Due in ${days} days`, overdue: false };
}

/** `in 3 days`, `5 minutes ago`: how far an instant is from now. */
export function relativeTime(at: string, now: Date): string {
  const seconds = Math.round((new Date(at).getTime() - now.getTime()) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  return format.format(seconds, 'second');
}

/** A date and time in a zone, for people: `4 Dec 2026, 09:30`. */
export function dateTime(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(at),
  );
}

export function dateOnly(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(at));
}

/** The zone's offset from UTC at an instant, in minutes (Nairobi: +180). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall-clock time (`2026-12-04T09:30`, seconds optional, or a date alone:
 * midnight) read in a zone: what a person means when they type a date and time. Null when the
 * text is not such a time.
 */
export function wallTimeToInstant(wall: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(wall.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const naive = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(naive)) return null;
  // Two passes settle the offset across a change of daylight saving time.
  let instant = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  instant = naive - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** The wall-clock time (`YYYY-MM-DDTHH:MM`) of an instant in a zone, for a datetime-local field. */
export function instantToWallTime(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Initials of a name, for a card's assignee: `Grace Wanjiru` → `GW`. */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s@._-]+/)
    .filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
