import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'wouter';
import { Board } from '../../claims/Board';
import { BoardFilterBar } from '../../claims/BoardFilterBar';
import { filtersFromSearch, searchFromFilters, type BoardFilters } from '../../claims/board-filters';

/** `/`: the board, its filters in the address. */
export function BoardScreen() {
  const [search, setSearch] = useSearchParams();
  // One filters object per address, so that the board's move handlers (and so its memoised cards) stay the same between renders.
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const onChange = useCallback((next: BoardFilters) => setSearch(new URLSearchParams(searchFromFilters(next)), { replace: true }), [setSearch]);
  return (
    <section className="page page-wide">
      <div className="page-header">
        <h1>Board</h1>
        <Link href="/claims/new" className="btn btn-primary">
          New claim
        </Link>
      </div>
      <BoardFilterBar filters={filters} onChange={onChange} />
      <Board filters={filters} />
    </section>
  );
}
