import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { keys } from '../api/query-keys';
import { useTimeZone } from '../api/session';
import { EmptyState, ErrorNote, Loading } from '../ui/controls';
import { dateTime } from '../ui/format';
import { ratingLabel, STATUS_LABEL, type Status } from './vocabulary';

type HistoryEvent = Schemas['HistoryEventViewDto'];

/** One timeline entry in words. */
export function describeEvent(event: HistoryEvent): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const status = (value: unknown) => STATUS_LABEL[value as Status] ?? String(value);
  switch (event.type) {
    case 'claim.created':
      return 'Created the claim';
    case 'claim.updated': {
      const fields = Array.isArray(data.fields) ? (data.fields as string[]) : Object.keys((data.after as object) ?? {});
      return fields.length > 0 ? `Changed ${fields.join(', ')}` : 'Changed the claim';
    }
    case 'claim.transitioned': {
      let text = `Moved from ${status(data.from)} to ${status(data.to)}`;
      const verdict = data.verdict as { rating?: string; summary?: string } | null | undefined;
      if (verdict?.rating) text += ` — verdict ${ratingLabel(verdict.rating)}`;
      if (typeof data.note === 'string' && data.note) text += ` — “${data.note}”`;
      return text;
    }
    case 'evidence.added':
      return `Added evidence${typeof data.description === 'string' ? `: ${data.description}` : ''}`;
    case 'evidence.removed':
      return 'Removed evidence';
    case 'reminder.scheduled':
      return `Scheduled a reminder${typeof data.message === 'string' ? `: ${data.message}` : ''}`;
    case 'reminder.fired':
      return `A reminder fired${typeof data.message === 'string' ? `: ${data.message}` : ''}`;
    case 'reminder.cancelled':
      return 'Cancelled a reminder';
    case 'comment.added':
      return 'Commented';
    case 'comment.edited':
      return 'Edited a comment';
    case 'comment.resolved':
      return 'Resolved a comment';
    case 'comment.reopened':
      return 'Reopened a comment';
    case 'comment.deleted':
      return 'Deleted a comment';
    default:
      return String(event.type).replace(/[._]/g, ' ');
  }
}

/** The claim's history, newest first, each entry with who and when in the person's time zone. */
export function Timeline({ claimId }: { claimId: string }) {
  const timeZone = useTimeZone();
  const history = useQuery({
    queryKey: keys.claimPart(claimId, 'history'),
    queryFn: async () => unwrap(await api.GET('/v1/claims/{id}/history', { params: { path: { id: claimId } } })),
  });
  return (
    <section aria-labelledby="timeline-heading" className="panel">
      <h2 id="timeline-heading">Timeline</h2>
      {history.isPending && <Loading what="the timeline" />}
      {history.isError && <ErrorNote>The timeline could not be loaded: {history.error.message}</ErrorNote>}
      {history.data && history.data.items.length === 0 && <EmptyState>Nothing has happened yet.</EmptyState>}
      {history.data && (
        <ol className="timeline">
          {[...history.data.items].reverse().map((event) => (
            <li key={event.id}>
              <span className="timeline-what">{describeEvent(event)}</span>
              <span className="timeline-meta">
                {event.actor?.name ?? 'claimtrack'} · <time dateTime={event.at}>{dateTime(event.at, timeZone)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
