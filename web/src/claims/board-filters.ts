import type { Kind, Status } from './vocabulary';
import { KINDS } from './vocabulary';

/** The board's filters, kept in the address (docs/desk.md, "The board") so a board can be shared. */
export interface BoardFilters {
  mine: boolean;
  kind: Kind | null;
  tag: string;
  /** A user id; `mine` wins over it. */
  assignee: string;
  q: string;
}

export const NO_FILTERS: BoardFilters = { mine: false, kind: null, tag: '', assignee: '', q: '' };

export function filtersFromSearch(search: string | URLSearchParams): BoardFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const kind = params.get('kind');
  return {
    mine: params.get('mine') === '1',
    kind: KINDS.includes(kind as Kind) ? (kind as Kind) : null,
    tag: params.get('tag')?.trim() ?? '',
    assignee: params.get('assignee')?.trim() ?? '',
    q: params.get('q')?.trim() ?? '',
  };
}

/** The address's query for these filters: only what is set, in a stable order. */
export function searchFromFilters(filters: BoardFilters): string {
  const params = new URLSearchParams();
  if (filters.mine) params.set('mine', '1');
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.assignee && !filters.mine) params.set('assignee', filters.assignee);
  if (filters.q) params.set('q', filters.q);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function isFiltered(filters: BoardFilters): boolean {
  return filters.mine || !!filters.kind || !!filters.tag || !!filters.assignee || !!filters.q;
}

/** GET /v1/claims's query for one column of the board. */
export function columnQuery(status: Status, filters: BoardFilters) {
  return {
    status,
    limit: 50,
    sort: '-updatedAt' as const,
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
    ...(filters.mine ? { assignee: 'me' } : filters.assignee ? { assignee: filters.assignee } : {}),
    ...(filters.q ? { q: filters.q } : {}),
  };
}

const PUBLISHED_WINDOW_MS = 30 * 86_400_000;

/** Published shows the last 30 days unless the board is filtered (docs/desk.md, "The board"). */
export function withinPublishedWindow(publishedAt: string | null | undefined, now: Date, filters: BoardFilters): boolean {
  if (isFiltered(filters) || !publishedAt) return true;
  return now.getTime() - new Date(publishedAt).getTime() <= PUBLISHED_WINDOW_MS;
}
