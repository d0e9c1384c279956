import type { Schemas } from '../api/client';
import { calendarDaysBetween, zonedDate } from '../ui/format';

export type Reminder = Schemas['ReminderView'];

export type AgendaSectionId = 'overdue' | 'today' | 'week' | 'later';

export interface AgendaDay {
  /** The calendar date in the person's zone, YYYY-MM-DD. */
  date: string;
  label: string;
  reminders: Reminder[];
}

export interface AgendaSection {
  id: AgendaSectionId;
  title: string;
  days: AgendaDay[];
}

const SECTION_TITLE: Record<AgendaSectionId, string> = { overdue: 'Overdue', today: 'Today', week: 'This week', later: 'Later' };
const ORDER: readonly AgendaSectionId[] = ['overdue', 'today', 'week', 'later'];

/** Which part of the agenda an instant falls in: already past, later today, in the next six days, or after. */
export function sectionOf(dueAt: string, now: Date, timeZone: string): AgendaSectionId {
  const due = new Date(dueAt);
  if (due.getTime() < now.getTime()) return 'overdue';
  const days = calendarDaysBetween(now, due, timeZone);
  if (days === 0) return 'today';
  if (days < 7) return 'week';
  return 'later';
}

/** A day's heading: `Today, Friday 4 December`, `Tomorrow, …`, `Monday 7 December`; the year when it is not this one. */
export function dayLabel(date: string, now: Date, timeZone: string): string {
  // Noon UTC of that date names the same weekday and date in words whatever the zone.
  const noon = new Date(`${date}T12:00:00Z`);
  const today = zonedDate(now, timeZone);
  const sameYear = date.slice(0, 4) === today.slice(0, 4);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(noon);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const words = `${part('weekday')} ${part('day')} ${part('month')}${sameYear ? '' : ` ${part('year')}`}`;
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days === 0) return `Today, ${words}`;
  if (days === 1) return `Tomorrow, ${words}`;
  if (days === -1) return `Yesterday, ${words}`;
  return words;
}

/**
 * The agenda (docs/desk.md, "Screens"): scheduled reminders by day in the person's zone, in four parts —
 * overdue first, then today, this week, later — each day soonest first. Parts with nothing in
 * them are left out.
 */
export function agendaSections(reminders: readonly Reminder[], now: Date, timeZone: string): AgendaSection[] {
  const sorted = [...reminders].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : 1));
  const sections = new Map<AgendaSectionId, Map<string, Reminder[]>>();
  for (const reminder of sorted) {
    const section = sectionOf(reminder.dueAt, now, timeZone);
    const date = zonedDate(new Date(reminder.dueAt), timeZone);
    const days = sections.get(section) ?? new Map<string, Reminder[]>();
    days.set(date, [...(days.get(date) ?? []), reminder]);
    sections.set(section, days);
  }
  return ORDER.filter((id) => sections.has(id)).map((id) => ({
    id,
    title: SECTION_TITLE[id],
    days: [...sections.get(id)!].map(([date, list]) => ({ date, label: dayLabel(date, now, timeZone), reminders: list })),
  }));
}

/** The time of day of an instant in a zone: `09:30`. */
export function timeOfDay(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

const KIND_WORDS: Record<Reminder['kind'], string> = { manual: 'Reminder', follow_up: 'Follow-up', deadline: 'Deadline' };

/** A reminder's kind as the agenda and the claim page name it. */
export function kindWord(kind: Reminder['kind']): string {
  return KIND_WORDS[kind];
}

/** A repeat interval in words for the common ones (`every week`); others as the ISO duration the API holds. */
export function everyInWords(every: string): string {
  const match = /^P(\d+)([DWMY])$/.exec(every);
  if (!match) return `every ${every}`;
  const n = Number(match[1]);
  const unit = { D: 'day', W: 'week', M: 'month', Y: 'year' }[match[2] as 'D' | 'W' | 'M' | 'Y'];
  if (unit === 'day' && n === 7) return 'every week';
  return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
}

/** The longest wait a browser timer takes (about 24.8 days). */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * How long to wait before reading a claim's reminders again: until just after the next scheduled
 * one is due (the worker needs a moment to mark it fired), at least 2 s, so that one a stopped
 * worker has not fired yet is not asked about in a tight loop. False when none is scheduled.
 */
export function untilAfterNextFiring(reminders: ReadonlyArray<Pick<Reminder, 'status' | 'dueAt'>>, now: number): number | false {
  const due = reminders.filter((r) => r.status === 'scheduled').map((r) => Date.parse(r.dueAt));
  if (due.length === 0) return false;
  return Math.min(Math.max(Math.min(...due) - now + 1500, 2000), LONGEST_TIMER_MS);
}
