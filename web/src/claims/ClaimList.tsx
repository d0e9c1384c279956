import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap, type Claim } from '../api/client';
import { keys } from '../api/query-keys';
import { problemInWords } from '../api/problems';
import { useTimeZone } from '../api/session';
import { EmptyState, ErrorNote, Loading } from '../ui/controls';
import { dueInWords, relativeTime } from '../ui/format';
import { LoadMore } from '../ui/lists';
import { isListFiltered, listQuery, type ListFilters } from './list-filters';
import { KIND_LABEL, PRIORITY_LABEL, ratingLabel, STATUS_LABEL } from './vocabulary';

/** The claims the filters find, a page at a time (the API's cursor), `Load more` for the next. */
export function ClaimList({ filters }: { filters: ListFilters }) {
  const timeZone = useTimeZone();
  const query = listQuery(filters, timeZone);
  const pages = useInfiniteQuery({
    queryKey: keys.claimLists({ list: true, ...query }),
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/v1/claims', { params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  if (pages.isPending) return <Loading what="claims" />;
  if (pages.isError) return <ErrorNote>The claims could not be loaded: {problemInWords(pages.error)}</ErrorNote>;
  const claims = pages.data.pages.flatMap((page) => page.items);
  if (claims.length === 0)
    return (
      <EmptyState>
        {isListFiltered(filters) ? (
          'No claim matches these filters. Loosen the search or use Clear filters.'
        ) : (
          <>
            No claims yet. Track one with <Link href="/claims/new">New claim</Link>, or from a source’s suggestions under <Link href="/sources">Sources</Link>.
          </>
        )}
      </EmptyState>
    );
  const now = new Date();
  return (
    <>
      <p className="list-count" aria-live="polite">
        {claims.length} {claims.length === 1 ? 'claim' : 'claims'}
        {pages.hasNextPage ? ' shown, more to load' : ''}
      </p>
      <ul className="rows" aria-label="Claims">
        {claims.map((claim) => (
          <ClaimRow key={claim.id} claim={claim} now={now} timeZone={timeZone} />
        ))}
      </ul>
      <LoadMore query={pages} what="claims" />
    </>
  );
}

/** One claim of the list: its text as the link, then status, kind, claimant, assignee, due date in words, priority. */
function ClaimRow({ claim, now, timeZone }: { claim: Claim; now: Date; timeZone: string }) {
  const due = claim.dueAt ? dueInWords(claim.dueAt, now, timeZone) : null;
  return (
    <li className="row-item">
      <Link href={`/claims/${claim.id}`} className="row-title">
        {claim.text}
      </Link>
      <span className="row-meta">
        <span className={`status status-${claim.status}`}>{STATUS_LABEL[claim.status]}</span>
        {claim.verdict && (
          <span className="chip">
            <span className="visually-hidden">Verdict: </span>
            {ratingLabel(claim.verdict.rating)}
          </span>
        )}
        <span className="chip">{KIND_LABEL[claim.kind]}</span>
        <span>{claim.claimant.name}</span>
        {claim.priority !== 'normal' && <span className={`chip chip-${claim.priority}`}>{PRIORITY_LABEL[claim.priority]} priority</span>}
        {due && claim.status !== 'published' && claim.status !== 'rejected' && <span className={due.overdue ? 'due due-overdue' : 'due'}>{due.text}</span>}
        <span>{claim.assignee ? claim.assignee.name : 'Unassigned'}</span>
        <span className="muted">Updated {relativeTime(claim.updatedAt, now)}</span>
      </span>
    </li>
  );
}
