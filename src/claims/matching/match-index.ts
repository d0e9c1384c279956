import { jaccard, MATCH_THRESHOLD, type MatchKeys } from './claim-fingerprint';

/**
 * Claims scored per match, at most, for each family of keys: the strict family's candidates are
 * mostly true matches, the loose family's, in a big story, mostly claims of the same story.
 */
export const STRICT_CANDIDATES = 100;
export const LOOSE_CANDIDATES = 30;

/** A claim the index lists for a probe: its id and its exact score. */
export interface Match {
  id: string;
  score: number;
}

const NONE = -1;
const MAX_LOAD = 0.7;
const PAGE_BITS = 16;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;
/** A slot's fields in MatchIndex.slotInfo. */
const WORD_PAGE = 0;
const WORD_OFFSET = 1;
const WORD_COUNT = 2;
const SCORED_BY = 3;
const SLOT_FIELDS = 4;

/**
 * A growable list of 32-bit integers kept in pages of 65,536: growing adds a page and never copies
 * what is there, so a big workspace's index grows without pauses (a doubling array copied tens of
 * megabytes at once, in the middle of a request).
 */
class IntList {
  private readonly pages: Int32Array[] = [];
  length = 0;

  push(value: number): number {
    const at = this.length++;
    if ((at & PAGE_MASK) === 0) this.pages.push(new Int32Array(PAGE_SIZE));
    this.pages[at >>> PAGE_BITS][at & PAGE_MASK] = value;
    return at;
  }

  get(at: number): number {
    return this.pages[at >>> PAGE_BITS][at & PAGE_MASK];
  }

  set(at: number, value: number): void {
    this.pages[at >>> PAGE_BITS][at & PAGE_MASK] = value;
  }
}

/**
 * Runs of 32-bit integers (each claim's word hashes) packed into pages, a run never split across
 * two: a few big arrays for the garbage collector to pass over, not one small array per claim.
 */
class RunStore {
  private readonly pages: Int32Array[] = [];
  private used = PAGE_SIZE;

  /** Stores `values`; answers where, as a page number and an offset in it. */
  add(values: readonly number[]): { page: number; offset: number } {
    if (this.used + values.length > PAGE_SIZE || this.pages.length === 0) {
      this.pages.push(new Int32Array(Math.max(PAGE_SIZE, values.length)));
      this.used = 0;
    }
    const page = this.pages.length - 1;
    const offset = this.used;
    this.pages[page].set(values, offset);
    this.used += values.length;
    return { page, offset };
  }

  page(page: number): Int32Array {
    return this.pages[page];
  }
}

/**
 * A multimap from 32-bit band keys to claim slots, in typed arrays, out of the garbage collector's
 * way (a Map of arrays would cost several times as much for the millions of keys of a big
 * workspace): an open-addressing table of the distinct keys, each pointing to the newest of its
 * entries, and the entries chained from newest to oldest, so that adding is O(1) however many
 * claims share a key. Entries are never removed: a key a claim's old text had only makes that
 * claim a candidate, scored on its current words.
 */
class KeyTable {
  private keys = new Int32Array(1024);
  private heads = new Int32Array(1024).fill(NONE);
  private distinct = 0;
  /** Entry e: its slot at 2e, the next (older) entry under the same key at 2e + 1, side by side (one memory read). */
  readonly entries = new IntList();

  add(key: number, slot: number): void {
    if (this.distinct + 1 > this.keys.length * MAX_LOAD) this.rehash();
    const cell = this.cell(key);
    if (this.heads[cell] === NONE) {
      this.keys[cell] = key;
      this.distinct++;
    }
    const entry = this.entries.push(slot) >>> 1;
    this.entries.push(this.heads[cell]);
    this.heads[cell] = entry;
  }

  slot(entry: number): number {
    return this.entries.get(2 * entry);
  }

  next(entry: number): number {
    return this.entries.get(2 * entry + 1);
  }

  /** The newest entry under `key` (then `next` from entry to entry), or NONE. */
  first(key: number): number {
    return this.heads[this.cell(key)];
  }

  /** The key's cell: where it is, or the empty cell where it goes. */
  private cell(key: number): number {
    const mask = this.keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) & mask; // the keys are hashes already; mixed once more against runs
    while (this.heads[i] !== NONE && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  private rehash(): void {
    const { keys, heads } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.heads = new Int32Array(keys.length * 2).fill(NONE);
    for (let i = 0; i < keys.length; i++) {
      if (heads[i] === NONE) continue;
      const cell = this.cell(keys[i]);
      this.keys[cell] = keys[i];
      this.heads[cell] = heads[i];
    }
  }
}

/**
 * The claims of one workspace as matching sees them: each claim's word hashes, and its band keys
 * pointing back to it (claim-fingerprint.ts). `upsert` takes a claim as written (its text's words
 * and keys, and `seq`, the transaction that wrote them: an older write never replaces a newer one);
 * `match` finds the claims sharing a band key with a probe and scores them exactly.
 */
export class MatchIndex {
  private readonly table = new KeyTable();
  private readonly slotOf = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly seqs: number[] = [];
  /** Every claim's words, each a run of the store. */
  private readonly store = new RunStore();
  /**
   * Per slot, side by side (one memory read, not four): where its words are in the store (page,
   * offset, count), and the match call that last scored it, so that a slot found under several
   * keys is scored once.
   */
  private readonly slotInfo = new IntList();
  private calls = 0;

  get size(): number {
    return this.ids.length;
  }

  /** Whether the index holds the claim with these words already (so that its keys need not be computed again). */
  holds(id: string, words: readonly number[]): boolean {
    const slot = this.slotOf.get(id);
    return slot !== undefined && this.hasWords(slot, words);
  }

  upsert(id: string, words: readonly number[], keys: MatchKeys, seq: number): void {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.slotOf.set(id, slot);
      this.ids.push(id);
      this.seqs.push(seq);
      for (let field = 0; field < SLOT_FIELDS; field++) this.slotInfo.push(0);
    } else if (seq < this.seqs[slot] || this.hasWords(slot, words)) {
      this.seqs[slot] = Math.max(seq, this.seqs[slot]);
      return;
    } else {
      this.seqs[slot] = seq;
    }
    const { page, offset } = this.store.add(words);
    this.slotInfo.set(slot * SLOT_FIELDS + WORD_PAGE, page);
    this.slotInfo.set(slot * SLOT_FIELDS + WORD_OFFSET, offset);
    this.slotInfo.set(slot * SLOT_FIELDS + WORD_COUNT, words.length);
    for (const key of keys.strict) this.table.add(key, slot);
    for (const key of keys.loose) this.table.add(key, slot);
  }

  /**
   * The claims sharing a band key with the probe whose words score at least MATCH_THRESHOLD,
   * best first (ties: the smaller id first), `except` left out, at most `limit`. The cost is
   * bounded whatever the workspace holds: at most STRICT_CANDIDATES claims are scored for the
   * strict keys and LOOSE_CANDIDATES more for the loose ones (claim-fingerprint.ts says why two
   * families). `counts`, when given, gets how many claims were scored (the bench reports it).
   */
  match(words: readonly number[], keys: MatchKeys, except: string, limit: number, counts?: { scored: number }): Match[] {
    const call = this.nextCall();
    const probe = Int32Array.from(words); // scored against the stored runs: typed array against typed array
    const { table, slotInfo } = this;
    const found: Array<{ slot: number; score: number }> = [];
    let scored = 0;
    for (const [family, cap] of [
      [keys.strict, STRICT_CANDIDATES],
      [keys.loose, LOOSE_CANDIDATES],
    ] as const) {
      let budget = cap;
      for (let k = 0; k < family.length && budget > 0; k++) {
        for (let entry = table.first(family[k]); entry !== NONE && budget > 0; entry = table.next(entry)) {
          const slot = table.slot(entry);
          if (slotInfo.get(slot * SLOT_FIELDS + SCORED_BY) === call) continue;
          slotInfo.set(slot * SLOT_FIELDS + SCORED_BY, call);
          // Not a candidate, nor counted as one: a claim's own list (GET …/similar) weighs the same
          // claims as the 201 that created it did, before the claim was there.
          if (this.ids[slot] === except) continue;
          budget--;
          scored++;
          const score = this.score(probe, slot);
          if (score >= MATCH_THRESHOLD) found.push({ slot, score });
        }
      }
    }
    if (counts) counts.scored = scored;
    return found
      .map(({ slot, score }) => ({ id: this.ids[slot], score }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
      .slice(0, limit);
  }

  /** The slot's score: Jaccard similarity of the probe's words and its own. */
  private score(words: Int32Array, slot: number): number {
    const at = slot * SLOT_FIELDS;
    const start = this.slotInfo.get(at + WORD_OFFSET);
    return jaccard(words, this.store.page(this.slotInfo.get(at + WORD_PAGE)), start, start + this.slotInfo.get(at + WORD_COUNT));
  }

  private hasWords(slot: number, words: readonly number[]): boolean {
    const at = slot * SLOT_FIELDS;
    const count = this.slotInfo.get(at + WORD_COUNT);
    if (count !== words.length) return false;
    const page = this.store.page(this.slotInfo.get(at + WORD_PAGE));
    const start = this.slotInfo.get(at + WORD_OFFSET);
    for (let i = 0; i < count; i++) if (page[start + i] !== words[i]) return false;
    return true;
  }

  private nextCall(): number {
    if (this.calls === 0x7fffffff) {
      for (let slot = 0; slot < this.ids.length; slot++) this.slotInfo.set(slot * SLOT_FIELDS + SCORED_BY, 0);
      this.calls = 0;
    }
    return ++this.calls;
  }
}
