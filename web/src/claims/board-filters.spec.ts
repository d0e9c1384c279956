import { columnQuery, filtersFromSearch, isFiltered, NO_FILTERS, searchFromFilters, withinPublishedWindow } from './board-filters';

describe("the board's filters in the address", () => {
  it('reads and writes the same filters', () => {
    const filters = { mine: true, kind: 'promise' as const, tag: 'haiti', assignee: '', q: 'reimbursed' };
    expect(searchFromFilters(filters)).toBe('?mine=1&kind=promise&tag=haiti&q=reimbursed');
    expect(filtersFromSearch(searchFromFilters(filters))).toEqual(filters);
    expect(searchFromFilters(NO_FILTERS)).toBe('');
  });

  it('ignores what it does not know', () => {
    expect(filtersFromSearch('?kind=rumour&mine=yes&other=1')).toEqual(NO_FILTERS);
    expect(isFiltered(filtersFromSearch('?kind=rumour'))).toBe(false);
  });

  it('asks the API for one column with the same filters', () => {
    expect(columnQuery('in_research', { ...NO_FILTERS, mine: true, assignee: 'u1', tag: 'x' })).toEqual({
      status: 'in_research',
      limit: 50,
      sort: '-updatedAt',
      tag: 'x',
      assignee: 'me',
    });
    expect(columnQuery('submitted', { ...NO_FILTERS, assignee: 'u1', kind: 'statement', q: 'kenya' })).toMatchObject({
      assignee: 'u1',
      kind: 'statement',
      q: 'kenya',
    });
  });

  it('shows the last 30 days of publications unless filtered', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(withinPublishedWindow('2026-11-10T00:00:00Z', now, NO_FILTERS)).toBe(true);
    expect(withinPublishedWindow('2026-10-01T00:00:00Z', now, NO_FILTERS)).toBe(false);
    expect(withinPublishedWindow('2026-10-01T00:00:00Z', now, { ...NO_FILTERS, q: 'kenya' })).toBe(true);
  });
});
