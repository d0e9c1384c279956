import { isListFiltered, listFiltersFromSearch, listQuery, NO_LIST_FILTERS, searchFromListFilters } from './list-filters';

describe("the claim list's filters in the address", () => {
  it('reads back what it wrote', () => {
    const filters = {
      q: 'reimbursed',
      status: 'monitoring' as const,
      kind: 'promise' as const,
      assignee: 'me',
      tag: 'haiti',
      claimant: "Sing'Oei",
      dueBefore: '2026-12-31',
      sort: 'dueAt' as const,
    };
    const search = searchFromListFilters(filters);
    expect(search).toBe('?q=reimbursed&status=monitoring&kind=promise&assignee=me&tag=haiti&claimant=Sing%27Oei&due=2026-12-31&sort=dueAt');
    expect(listFiltersFromSearch(search)).toEqual(filters);
  });

  it('writes nothing for no filters and the default sort', () => {
    expect(searchFromListFilters(NO_LIST_FILTERS)).toBe('');
    expect(isListFiltered(listFiltersFromSearch('?sort=-priority'))).toBe(false);
  });

  it('leaves out what the API would refuse', () => {
    expect(listFiltersFromSearch('?status=closed&kind=rumour&assignee=bob&due=31/12/2026&sort=text&other=1')).toEqual(NO_LIST_FILTERS);
    expect(listFiltersFromSearch('?assignee=6f1c0a52-3b1e-4c55-9a3e-2b7f0e0c9d11').assignee).toBe('6f1c0a52-3b1e-4c55-9a3e-2b7f0e0c9d11');
  });

  it('asks GET /v1/claims with the same filters, a due date read as the start of that day in the person’s zone', () => {
    const filters = { ...NO_LIST_FILTERS, q: 'kenya', tag: 'budget', dueBefore: '2026-12-10', assignee: 'me' };
    expect(listQuery(filters, 'Africa/Nairobi')).toEqual({
      limit: 50,
      sort: '-updatedAt',
      q: 'kenya',
      assignee: 'me',
      tag: 'budget',
      dueBefore: '2026-12-09T21:00:00.000Z',
    });
    expect(listQuery(NO_LIST_FILTERS, 'UTC')).toEqual({ limit: 50, sort: '-updatedAt' });
  });
});
