import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { keys } from '../api/query-keys';
import { SelectField } from '../ui/controls';
import { isFiltered, NO_FILTERS, type BoardFilters } from './board-filters';
import { KIND_LABEL, KINDS, type Kind } from './vocabulary';

/** The board's filters: `Mine`, kind, tag, assignee and text; each change goes into the address. */
export function BoardFilterBar({ filters, onChange }: { filters: BoardFilters; onChange: (filters: BoardFilters) => void }) {
  const users = useQuery({
    queryKey: keys.users,
    queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { limit: 200 } } })),
    staleTime: 5 * 60_000,
  });
  // Typed text reaches the address (and the API) once typing pauses.
  const [q, setQ] = useState(filters.q);
  const [tag, setTag] = useState(filters.tag);
  // The address changed by other means (back, a shared link, Clear filters): the fields follow it.
  const [seen, setSeen] = useState({ q: filters.q, tag: filters.tag });
  if (seen.q !== filters.q || seen.tag !== filters.tag) {
    setSeen({ q: filters.q, tag: filters.tag });
    setQ(filters.q);
    setTag(filters.tag);
  }
  useEffect(() => {
    if (q.trim() === filters.q && tag.trim() === filters.tag) return;
    const timer = setTimeout(() => onChange({ ...filters, q: q.trim(), tag: tag.trim() }), 300);
    return () => clearTimeout(timer);
  }, [q, tag, filters, onChange]);

  return (
    <form className="filters" role="search" aria-label="Filter the board" onSubmit={(event) => event.preventDefault()}>
      <div className="field field-inline">
        <input id="filter-mine" type="checkbox" checked={filters.mine} onChange={(event) => onChange({ ...filters, mine: event.target.checked })} />
        <label htmlFor="filter-mine">Mine</label>
      </div>
      <SelectField
        id="filter-kind"
        label="Kind"
        value={filters.kind ?? ''}
        onChange={(value) => onChange({ ...filters, kind: (value || null) as Kind | null })}
        options={[{ value: '', label: 'Any kind' }, ...KINDS.map((kind) => ({ value: kind, label: KIND_LABEL[kind] }))]}
      />
      <SelectField
        id="filter-assignee"
        label="Assignee"
        value={filters.mine ? '' : filters.assignee}
        onChange={(value) => onChange({ ...filters, assignee: value, mine: false })}
        options={[{ value: '', label: 'Anyone' }, ...(users.data?.items ?? []).map((user) => ({ value: user.id, label: user.name }))]}
      />
      <div className="field">
        <label htmlFor="filter-tag">Tag</label>
        <input id="filter-tag" type="text" value={tag} onChange={(event) => setTag(event.target.value)} />
      </div>
      <div className="field field-grow">
        <label htmlFor="filter-q">Search</label>
        <input id="filter-q" type="search" value={q} onChange={(event) => setQ(event.target.value)} placeholder="Words in the claim, quote or claimant" />
      </div>
      {isFiltered(filters) && (
        <button type="button" className="btn btn-quiet" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </form>
  );
}
