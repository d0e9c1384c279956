import { useCallback } from 'react';
import { Link, useSearchParams } from 'wouter';
import { ClaimList } from '../../claims/ClaimList';
import { ClaimListFilters } from '../../claims/ClaimListFilters';
import { listFiltersFromSearch, searchFromListFilters, type ListFilters } from '../../claims/list-filters';

/** `/claims`: every claim, searched, filtered and sorted as the API allows; the filters are in the address. */
export function ClaimsListScreen() {
  const [search, setSearch] = useSearchParams();
  const filters = listFiltersFromSearch(search);
  const onChange = useCallback((next: ListFilters) => setSearch(new URLSearchParams(searchFromListFilters(next)), { replace: true }), [setSearch]);
  return (
    <section className="page">
      <div className="page-header">
        <h1>Claims</h1>
        <Link href="/claims/new" className="btn btn-primary">
          New claim
        </Link>
      </div>
      <ClaimListFilters filters={filters} onChange={onChange} />
      <ClaimList filters={filters} />
    </section>
  );
}
