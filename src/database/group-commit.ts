/** What a group commit needs: a write of many items in one statement, and of one on its own. */
export interface GroupWrites<Item, Result> {
  /** Writes all the items in one statement (one commit); answers their results in their order. */
  many(items: Item[]): Promise<Result[]>;
  /** Writes one item on its own: alone, and when a statement of many failed. */
  one(item: Item): Promise<Result>;
}

export interface GroupCommitOptions {
  /** Statements of this kind in flight at once; the requests that arrive meanwhile wait for one to end. */
  inFlight: number;
  /** The most items one statement writes. */
  maxItems: number;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: concurrent requests that each write one item share a statement, and so a commit
 * and a round trip. A request whose write finds fewer than `inFlight` statements running is sent
 * at once, alone, as it would be without this; one that finds them all busy waits for the first
 * to end and goes with everything that arrived meanwhile. So an idle host adds no wait, and a busy
 * one sends fewer, larger statements: PostgreSQL parses, plans, commits and wakes its caller once
 * per statement, not once per request.
 *
 * A statement is atomic, so when one of many fails (one item breaks a constraint, say) nothing of
 * it was written: each of its items is then written on its own, so that only the item at fault
 * fails, with its own error.
 */
export class GroupCommit<Item, Result> {
  private readonly waiting: Array<Waiting<Item, Result>> = [];
  private running = 0;

  constructor(
    private readonly writes: GroupWrites<Item, Result>,
    private readonly options: GroupCommitOptions,
  ) {}

  write(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.options.inFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.options.maxItems);
      this.running += 1;
      void this.send(group).finally(() => {
        this.running -= 1;
        this.next();
      });
    }
  }

  private async send(group: Array<Waiting<Item, Result>>): Promise<void> {
    if (group.length > 1) {
      // On failure nothing of the statement was written: each item again on its own, below.
      const results = await this.writes.many(group.map((waiting) => waiting.item)).catch(() => null);
      if (results) {
        group.forEach((waiting, index) => waiting.resolve(results[index]));
        return;
      }
    }
    await Promise.all(group.map((waiting) => this.writes.one(waiting.item).then(waiting.resolve, waiting.reject)));
  }
}
