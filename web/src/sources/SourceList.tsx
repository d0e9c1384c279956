import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { keys } from '../api/query-keys';
import { problemInWords } from '../api/problems';
import { useTimeZone } from '../api/session';
import { EmptyState, ErrorNote, Loading } from '../ui/controls';
import { dateOnly, dateTime, relativeTime } from '../ui/format';
import { LoadMore } from '../ui/lists';

/** The workspace's sources, newest first, a page at a time. */
export function SourceList() {
  const timeZone = useTimeZone();
  const pages = useInfiniteQuery({
    queryKey: [...keys.sources, 'list'],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/v1/sources', { params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  if (pages.isPending) return <Loading what="sources" />;
  if (pages.isError) return <ErrorNote>The sources could not be loaded: {problemInWords(pages.error)}</ErrorNote>;
  const sources = pages.data.pages.flatMap((page) => page.items);
  if (sources.length === 0)
    return <EmptyState>No sources yet. Use Add source to paste an article or a transcript: the desk suggests the claims in it worth checking.</EmptyState>;
  const now = new Date();
  return (
    <>
      <ul className="rows" aria-label="Sources">
        {sources.map((source) => (
          <li key={source.id} className="row-item">
            <Link href={`/sources/${source.id}`} className="row-title">
              {source.title}
            </Link>
            <span className="row-meta">
              {source.publisher && <span>{source.publisher}</span>}
              {source.publishedAt && <span>Published {dateOnly(source.publishedAt, timeZone)}</span>}
              <time dateTime={source.createdAt} title={dateTime(source.createdAt, timeZone)}>
                Added {relativeTime(source.createdAt, now)}
              </time>
              {!source.text && <span>No text: nothing to suggest</span>}
            </span>
          </li>
        ))}
      </ul>
      <LoadMore query={pages} what="sources" />
    </>
  );
}
