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
  private slots = new Int32Array(4096);
  private next = new Int32Array(4096);
  private entries = 0;

  add(key: number, slot: number): void {
    if (this.distinct + 1 > this.keys.length * MAX_LOAD) this.rehash();
    const cell = this.cell(key);
    if (this.heads[cell] === NONE) {
      this.keys[cell] = key;
      this.distinct++;
    }
    if (this.entries === this.slots.length) {
      this.slots = grown(this.slots);
      this.next = grown(this.next);
    }
    this.slots[this.entries] = slot;
    this.next[this.entries] = this.heads[cell];
    this.heads[cell] = this.entries++;
  }

  /** Calls `found` with the slots stored under `key`, newest first, until it returns false. */
  each(key: number, found: (slot: number) => boolean): void {
    for (let entry = this.heads[this.cell(key)]; entry !== NONE; entry = this.next[entry]) {
      if (!found(this.slots[entry])) return;
    }
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

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.ceil(array.length * 1.5));
  bigger.set(array);
  return bigger;
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
  private readonly words: Array<readonly number[]> = [];
  private readonly seqs: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Whether the index holds the claim with these words already (so that its keys need not be computed again). */
  holds(id: string, words: readonly number[]): boolean {
    const slot = this.slotOf.get(id);
    return slot !== undefined && sameWords(this.words[slot], words);
  }

  upsert(id: string, words: readonly number[], keys: MatchKeys, seq: number): void {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.slotOf.set(id, slot);
      this.ids.push(id);
      this.words.push(words);
      this.seqs.push(seq);
    } else if (seq < this.seqs[slot] || sameWords(this.words[slot], words)) {
      this.seqs[slot] = Math.max(seq, this.seqs[slot]);
      return;
    } else {
      this.words[slot] = words;
      this.seqs[slot] = seq;
    }
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
    const seen = new Set<number>();
    const found: Array<{ slot: number; score: number }> = [];
    let budget = 0;
    const consider = (slot: number) => {
      if (seen.has(slot)) return true;
      seen.add(slot);
      const score = jaccard(words, this.words[slot]);
      if (score >= MATCH_THRESHOLD && this.ids[slot] !== except) found.push({ slot, score });
      return --budget > 0;
    };
    for (const [family, cap] of [
      [keys.strict, STRICT_CANDIDATES],
      [keys.loose, LOOSE_CANDIDATES],
    ] as const) {
      budget = cap;
      for (const key of family) {
        this.table.each(key, consider);
        if (budget <= 0) break;
      }
    }
    if (counts) counts.scored = seen.size;
    return found
      .map(({ slot, score }) => ({ id: this.ids[slot], score }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
      .slice(0, limit);
  }
}

function sameWords(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}
