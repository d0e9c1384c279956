/**
 * Tracks whether a position in a block of text lies inside a quotation, so the sentence
 * splitter keeps `"We paid. We will be repaid," she said.` whole.
 *
 * Straight double quotes toggle; curly “ ” open and close; single curly ‘ ’ count only
 * when they look like quote marks (‘ at a word start, ’ not followed by a letter — so the
 * apostrophes of "Kenya’s" or "Sing’Oei" are ignored). Straight single quotes are ignored.
 */

export interface QuoteTracker {
  /** Feeds the characters up to (excluding) `end`; positions must only grow. */
  advanceTo(end: number): void;
  isOpen(): boolean;
  /** Where the quotation that is still open started (-1 when none is open). */
  openedAt(): number;
}

export function trackQuotes(block: string): QuoteTracker {
  let position = 0;
  let straightOpen = false;
  let curlyDepth = 0;
  let singleOpen = false;
  let openedAt = -1;

  const isOpen = (): boolean => straightOpen || curlyDepth > 0 || singleOpen;
  const open = (at: number): void => {
    if (!isOpen()) openedAt = at;
  };

  return {
    advanceTo(end: number): void {
      for (; position < end; position++) {
        const char = block[position];
        if (char === '"') {
          if (!straightOpen) open(position);
          straightOpen = !straightOpen;
        } else if (char === '“') {
          open(position);
          curlyDepth++;
        } else if (char === '”') {
          curlyDepth = Math.max(0, curlyDepth - 1);
        } else if (char === '‘' && !/\p{L}/u.test(block[position - 1] ?? ' ')) {
          open(position);
          singleOpen = true;
        } else if (char === '’' && singleOpen && !/\p{L}/u.test(block[position + 1] ?? ' ')) {
          singleOpen = false;
        }
        if (!isOpen()) openedAt = -1;
      }
    },
    isOpen,
    openedAt: () => openedAt,
  };
}
