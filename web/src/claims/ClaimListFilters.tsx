import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../api/client';
import { keys } from '../api/query-keys';
import { SelectField } from '../ui/controls';
import { useDebouncedText } from '../ui/use-debounced';
import { isListFiltered, NO_LIST_FILTERS, SORTS, type ListFilters, type Sort } from './list-filters';
import { KIND_LABEL, KINDS, STATUS_LABEL, STATUS_ORDER, type Kind, type Status } from './vocabulary';

/** The list's search, filters and sort (the API's own); every change goes into the address. */
export function ClaimListFilters({ filters, onChange }: { filters: ListFilters; onChange: (filters: ListFilters) => void }) {
  const users = useQuery({
    queryKey: keys.users,
    queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { limit: 200 } } })),
    staleTime: 5 * 60_000,
  });
  const [q, setQ] = useDebouncedText(
    filters.q,
    useCallback((text: string) => onChange({ ...filters, q: text }), [filters, onChange]),
  );
  const [tag, setTag] = useDebouncedText(
    filters.tag,
    useCallback((text: string) => onChange({ ...filters, tag: text }), [filters, onChange]),
  );
  const [claimant, setClaimant] = useDebouncedText(
    filters.claimant,
    useCallback((text: string) => onChange({ ...filters, claimant: text }), [filters, onChange]),
  );

  return (
    <form className="filters" role="search" aria-label="Search and filter claims" onSubmit={(event) => event.preventDefault()}>
      <div className="field field-grow">
        <label htmlFor="claims-q">Search claims</label>
        <input id="claims-q" type="search" value={q} onChange={(event) => setQ(event.target.value)} placeholder="Words in the claim, quote or claimant" />
      </div>
      <SelectField
        id="claims-status"
        label="Status"
        value={filters.status ?? ''}
        onChange={(value) => onChange({ ...filters, status: (value || null) as Status | null })}
        options={[{ value: '', label: 'Any status' }, ...STATUS_ORDER.map((status) => ({ value: status, label: STATUS_LABEL[status] }))]}
      />
      <SelectField
        id="claims-kind"
        label="Kind"
        value={filters.kind ?? ''}
        onChange={(value) => onChange({ ...filters, kind: (value || null) as Kind | null })}
        options={[{ value: '', label: 'Any kind' }, ...KINDS.map((kind) => ({ value: kind, label: KIND_LABEL[kind] }))]}
      />
      <SelectField
        id="claims-assignee"
        label="Assignee"
        value={filters.assignee}
        onChange={(value) => onChange({ ...filters, assignee: value })}
        options={[
          { value: '', label: 'Anyone' },
          { value: 'me', label: 'Me' },
          ...(users.data?.items ?? []).map((user) => ({ value: user.id, label: user.name })),
        ]}
      />
      <div className="field">
        <label htmlFor="claims-claimant">Claimant</label>
        <input id="claims-claimant" type="text" value={claimant} onChange={(event) => setClaimant(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="claims-tag">Tag</label>
        <input id="claims-tag" type="text" value={tag} onChange={(event) => setTag(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="claims-due">Due before</label>
        <input id="claims-due" type="date" value={filters.dueBefore} onChange={(event) => onChange({ ...filters, dueBefore: event.target.value })} />
      </div>
      <SelectField id="claims-sort" label="Sort" value={filters.sort} onChange={(value) => onChange({ ...filters, sort: value as Sort })} options={SORTS} />
      {isListFiltered(filters) && (
        <button type="button" className="btn btn-quiet" onClick={() => onChange({ ...NO_LIST_FILTERS, sort: filters.sort })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
