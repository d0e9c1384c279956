/**
 * A board column read page by page (the API's cursor): what the column has loaded is kept as one
 * list with the cursor of its last page and how many pages that took, so that a refetch (a live
 * event, a move) reads as many pages again and a column never shrinks back to its first 50.
 */
export interface ColumnPages<T extends { id: string }> {
  items: T[];
  nextCursor: string | null;
  /** Pages read into `items`: 1 until `Load more` is used. */
  pages: number;
}

interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/** The next page appended; a claim already shown (it moved up while we read) is not shown twice. */
export function appendPage<T extends { id: string }>(column: ColumnPages<T>, next: Page<T>): ColumnPages<T> {
  const shown = new Set(column.items.map((item) => item.id));
  return { items: [...column.items, ...next.items.filter((item) => !shown.has(item.id))], nextCursor: next.nextCursor ?? null, pages: column.pages + 1 };
}

/** Reads `pages` pages one after the other (each needs the cursor of the one before), fewer when the list ends. */
export async function readPages<T extends { id: string }>(readPage: (cursor: string | null) => Promise<Page<T>>, pages: number): Promise<ColumnPages<T>> {
  const first = await readPage(null);
  let column: ColumnPages<T> = { items: first.items, nextCursor: first.nextCursor ?? null, pages: 1 };
  while (column.pages < pages && column.nextCursor) column = appendPage(column, await readPage(column.nextCursor));
  return column;
}
