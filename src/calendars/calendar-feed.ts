import { createHash } from 'node:crypto';
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { addDuration, parseDuration } from '../common/time/duration';
import { calendarRule } from './recurrence';

/** A reminder as the feed shows it, with its claim's text. */
export interface FeedReminder {
  id: string;
  claimId: string;
  claimText: string;
  message: string;
  dueAt: Date;
  every: string | null;
  until: Date | null;
  status: 'scheduled' | 'done' | 'cancelled';
  sequence: number;
  firedCount: number;
  updatedAt: Date;
}

/** Occurrences listed one by one when no RRULE can describe the repeat. */
export const LISTED_OCCURRENCES = 20;

/**
 * The RFC 5545 calendar of a person's reminders. Everything in it comes from the rows (DTSTAMP
 * is the reminder's last change, not the time of the request), so the same reminders give the
 * same bytes and the ETag only changes when something did.
 */
export function renderCalendar(name: string, publicUrl: string, reminders: FeedReminder[]): string {
  const calendar = ical({ name, prodId: { company: 'claimtrack', product: 'reminders', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  for (const reminder of reminders) {
    const finished = reminder.status !== 'scheduled';
    // A cancelled or done reminder stays in the feed for a while with a higher SEQUENCE, so that
    // calendars that already have it remove it rather than keep a stale entry.
    const sequence = reminder.sequence + (finished ? 1 : 0);
    const common = {
      sequence,
      stamp: reminder.updatedAt,
      summary: reminder.message,
      description: reminder.claimText,
      url: `${publicUrl}/claims/${reminder.claimId}`,
      status: finished ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    };
    const rule = reminder.every ? calendarRule(reminder.every) : null;
    const starts = reminder.every && !rule ? listedOccurrences(reminder) : [reminder.dueAt];
    starts.forEach((start, index) => {
      const event = calendar.createEvent({
        ...common,
        // One UID per reminder; listed occurrences are numbered from the reminder's first, so
        // occurrence n keeps its UID while earlier ones fire.
        id: rule || !reminder.every ? `reminder-${reminder.id}@claimtrack` : `reminder-${reminder.id}-${reminder.firedCount + index + 1}@claimtrack`,
        start,
        repeating: rule ? { freq: rule.freq, interval: rule.interval, ...(reminder.until ? { until: reminder.until } : {}) } : null,
      });
      if (!finished) event.createAlarm({ type: ICalAlarmType.display, trigger: 0, description: reminder.message });
    });
  }
  return calendar.toString();
}

/** The next occurrences of a reminder whose repeat no RRULE describes, up to its `until`. */
function listedOccurrences(reminder: FeedReminder): Date[] {
  const duration = parseDuration(reminder.every!);
  const out: Date[] = [reminder.dueAt];
  if (!duration) return out;
  while (out.length < LISTED_OCCURRENCES) {
    const next = addDuration(out[out.length - 1], duration);
    if (reminder.until && next.getTime() > reminder.until.getTime()) break;
    out.push(next);
  }
  return out;
}

/** A strong ETag over the calendar's bytes. */
export function calendarEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}
