import { appendPage, readPages, type ColumnPages } from './board-pages';

const claims = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ id: `c${from + i}` }));

/** A list of `total` claims served `size` at a time, its cursor the offset; every cursor asked for is kept. */
function server(total: number, size: number) {
  const asked: Array<string | null> = [];
  const readPage = (cursor: string | null) => {
    asked.push(cursor);
    const from = cursor ? Number(cursor) : 0;
    const to = Math.min(from + size, total);
    return Promise.resolve({ items: claims(from, to), nextCursor: to < total ? String(to) : null });
  };
  return { asked, readPage };
}

describe('a board column read page by page', () => {
  it('appends the next page after what is shown, with its cursor, one page more', () => {
    const column: ColumnPages<{ id: string }> = { items: claims(0, 3), nextCursor: '3', pages: 1 };
    expect(appendPage(column, { items: claims(3, 5), nextCursor: null })).toEqual({ items: claims(0, 5), nextCursor: null, pages: 2 });
  });

  it('does not show a claim twice when it moved onto the next page while the first was shown', () => {
    const column = { items: claims(0, 3), nextCursor: '3', pages: 1 };
    const next = appendPage(column, { items: [{ id: 'c2' }, ...claims(3, 5)], nextCursor: '5' });
    expect(next.items.map((c) => c.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(next.nextCursor).toBe('5');
  });

  it('reads as many pages again as the column had loaded, each from the cursor before it', async () => {
    const { asked, readPage } = server(120, 50);
    const column = await readPages(readPage, 2);
    expect(asked).toEqual([null, '50']);
    expect(column.items).toHaveLength(100);
    expect(column).toMatchObject({ nextCursor: '100', pages: 2 });
  });

  it('stops where the list ends, however many pages were asked for', async () => {
    const { asked, readPage } = server(60, 50);
    const column = await readPages(readPage, 5);
    expect(asked).toEqual([null, '50']);
    expect(column).toMatchObject({ nextCursor: null, pages: 2 });
    expect(column.items).toHaveLength(60);
  });

  it('reads one page when Load more was never used', async () => {
    const { asked, readPage } = server(120, 50);
    expect(await readPages(readPage, 1)).toMatchObject({ nextCursor: '50', pages: 1 });
    expect(asked).toEqual([null]);
  });
});
