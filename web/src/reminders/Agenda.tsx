import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap, type Claim } from '../api/client';
import { keys } from '../api/query-keys';
import { problemInWords } from '../api/problems';
import { useSignedIn, useTimeZone } from '../api/session';
import { EmptyState, ErrorNote, Loading } from '../ui/controls';
import { dateTime, dueInWords } from '../ui/format';
import { LoadMore } from '../ui/lists';
import { agendaSections, everyInWords, kindWord, timeOfDay, type Reminder } from './agenda';

const PAGE_SIZE = 200;

/**
 * The workspace's scheduled reminders by day (docs/desk.md, "Screens"): overdue first, then today, this week,
 * later. Each names its claim; `Mine` keeps those of claims assigned to the person.
 */
export function Agenda({ mine }: { mine: boolean }) {
  const me = useSignedIn();
  const timeZone = useTimeZone();
  const pages = useInfiniteQuery({
    queryKey: [...keys.reminders, 'agenda'],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/v1/reminders', { params: { query: { status: 'scheduled', limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const reminders = pages.data?.pages.flatMap((page) => page.items) ?? [];
  // Each claim once, from the same cache entry its page reads.
  const claimIds = [...new Set(reminders.map((r) => r.claimId))];
  const claimResults = useQueries({
    queries: claimIds.map((id) => ({
      queryKey: keys.claim(id),
      queryFn: async () => unwrap(await api.GET('/v1/claims/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
  });
  const claims = new Map<string, Claim>();
  claimResults.forEach((result) => result.data && claims.set(result.data.id, result.data));
  const claimsPending = claimResults.some((result) => result.isPending);

  if (pages.isPending) return <Loading what="reminders" />;
  if (pages.isError) return <ErrorNote>The reminders could not be loaded: {problemInWords(pages.error)}</ErrorNote>;
  if (mine && claimsPending) return <Loading what="your claims" />;

  const shown = mine ? reminders.filter((r) => claims.get(r.claimId)?.assignee?.id === me.id) : reminders;
  const now = new Date();
  const sections = agendaSections(shown, now, timeZone);
  return (
    <>
      {sections.length === 0 && (
        <EmptyState>
          {mine
            ? 'No reminders scheduled for claims assigned to you. Untick Mine to see the whole desk’s, or add one on a claim’s page.'
            : 'No reminders scheduled. Add one on a claim’s page (Add reminder), or monitor a promise with a follow-up date.'}
        </EmptyState>
      )}
      {sections.map((section) => (
        <section key={section.id} className="agenda-section" aria-labelledby={`agenda-${section.id}`}>
          <h2 id={`agenda-${section.id}`}>
            {section.title} <span className="muted">· {section.days.reduce((n, day) => n + day.reminders.length, 0)}</span>
          </h2>
          {section.days.map((day) => (
            <div key={day.date} className="day-group">
              {section.id !== 'today' && <h3>{day.label}</h3>}
              <ul className="rows">
                {day.reminders.map((reminder) => (
                  <AgendaRow key={reminder.id} reminder={reminder} claim={claims.get(reminder.claimId)} now={now} timeZone={timeZone} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      <LoadMore query={pages} what="reminders" />
    </>
  );
}

function AgendaRow({ reminder, claim, now, timeZone }: { reminder: Reminder; claim: Claim | undefined; now: Date; timeZone: string }) {
  const overdue = Date.parse(reminder.dueAt) < now.getTime();
  return (
    <li className="row-item">
      <Link href={`/claims/${reminder.claimId}`} className="row-title">
        {reminder.message}
      </Link>
      <span className="row-meta">
        <time dateTime={reminder.dueAt} title={dateTime(reminder.dueAt, timeZone)} className={overdue ? 'due due-overdue' : undefined}>
          {overdue ? `${dueInWords(reminder.dueAt, now, timeZone).text}, ${timeOfDay(reminder.dueAt, timeZone)}` : timeOfDay(reminder.dueAt, timeZone)}
        </time>
        <span className="chip">{kindWord(reminder.kind)}</span>
        {reminder.every && <span>Repeats {everyInWords(reminder.every)}</span>}
        <span>{claim ? (claim.assignee ? `Assigned to ${claim.assignee.name}` : 'Unassigned') : ''}</span>
      </span>
      {claim && <span className="row-about">About: {claim.text}</span>}
    </li>
  );
}
