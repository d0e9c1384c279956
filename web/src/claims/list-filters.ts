import { wallTimeToInstant } from '../ui/format';
import { KINDS, STATUS_ORDER, type Kind, type Status } from './vocabulary';

/** GET /v1/claims's sort orders, with the desk's words for them. */
export const SORTS = [
  { value: '-updatedAt', label: 'Recently updated' },
  { value: 'updatedAt', label: 'Least recently updated' },
  { value: 'dueAt', label: 'Due soonest' },
  { value: '-priority', label: 'Highest priority' },
] as const;
export type Sort = (typeof SORTS)[number]['value'];
export const DEFAULT_SORT: Sort = '-updatedAt';

/**
 * The list's filters: the same as the API's (docs/api.md, "Claims"), kept in the address so a
 * list can be shared and survives a reload. `dueBefore` is a calendar date in the person's zone.
 */
export interface ListFilters {
  q: string;
  status: Status | null;
  kind: Kind | null;
  /** `me`, a user id, or '' for anyone. */
  assignee: string;
  tag: string;
  claimant: string;
  /** YYYY-MM-DD, or ''. */
  dueBefore: string;
  sort: Sort;
}

export const NO_LIST_FILTERS: ListFilters = { q: '', status: null, kind: null, assignee: '', tag: '', claimant: '', dueBefore: '', sort: DEFAULT_SORT };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return values.includes(value as T) ? (value as T) : null;
}

/** The filters an address holds; what it cannot mean (an unknown status, a malformed date) is left out, never sent. */
export function listFiltersFromSearch(search: string | URLSearchParams): ListFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const text = (name: string) => params.get(name)?.trim() ?? '';
  const assignee = text('assignee');
  const due = text('due');
  return {
    q: text('q'),
    status: oneOf(STATUS_ORDER, params.get('status')),
    kind: oneOf(KINDS, params.get('kind')),
    assignee: assignee === 'me' || UUID.test(assignee) ? assignee : '',
    tag: text('tag'),
    claimant: text('claimant'),
    dueBefore: DATE.test(due) && wallTimeToInstant(due, 'UTC') ? due : '',
    sort:
      oneOf(
        SORTS.map((s) => s.value),
        params.get('sort'),
      ) ?? DEFAULT_SORT,
  };
}

/** The address's query for these filters: only what is set, in a stable order. */
export function searchFromListFilters(filters: ListFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.status) params.set('status', filters.status);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.claimant) params.set('claimant', filters.claimant);
  if (filters.dueBefore) params.set('due', filters.dueBefore);
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function isListFiltered(filters: ListFilters): boolean {
  return !!(filters.q || filters.status || filters.kind || filters.assignee || filters.tag || filters.claimant || filters.dueBefore);
}

export const LIST_PAGE_SIZE = 50;

/** GET /v1/claims's query for these filters (without the cursor); a due date is the start of that day in the person's zone. */
export function listQuery(filters: ListFilters, timeZone: string) {
  const dueBefore = filters.dueBefore ? wallTimeToInstant(filters.dueBefore, timeZone)?.toISOString() : undefined;
  return {
    limit: LIST_PAGE_SIZE,
    sort: filters.sort,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.assignee ? { assignee: filters.assignee } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
    ...(filters.claimant ? { claimant: filters.claimant } : {}),
    ...(dueBefore ? { dueBefore } : {}),
  };
}
