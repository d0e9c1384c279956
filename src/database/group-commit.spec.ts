import { GroupCommit, type GroupWrites } from './group-commit';

/** Writes whose statements the test ends by hand, recording what each statement held. */
class HeldWrites implements GroupWrites<string, string> {
  readonly statements: string[][] = [];
  private readonly ends: Array<() => void> = [];

  many(items: string[]): Promise<string[]> {
    return this.held(items).then(() => {
      if (items.includes('bad')) throw new Error('a constraint broke');
      return items.map((item) => `${item}:written`);
    });
  }

  one(item: string): Promise<string> {
    return this.held([item]).then(() => {
      if (item === 'bad') throw new Error(`${item} broke a constraint`);
      return `${item}:written`;
    });
  }

  /** Ends the oldest statement still running. */
  endOne(): void {
    this.ends.shift()!();
  }

  private held(items: string[]): Promise<void> {
    this.statements.push(items);
    return new Promise((resolve) => this.ends.push(resolve));
  }
}

/** Lets the promise callbacks queued so far run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('sends a write at once and alone while fewer than inFlight statements run', async () => {
    const writes = new HeldWrites();
    const group = new GroupCommit(writes, { inFlight: 2, maxItems: 10 });
    const a = group.write('a');
    const b = group.write('b');
    expect(writes.statements).toEqual([['a'], ['b']]);
    writes.endOne();
    writes.endOne();
    await expect(Promise.all([a, b])).resolves.toEqual(['a:written', 'b:written']);
  });

  it('sends what arrived while every statement ran in one statement, when the first one ends', async () => {
    const writes = new HeldWrites();
    const group = new GroupCommit(writes, { inFlight: 1, maxItems: 10 });
    const first = group.write('a');
    const waiting = ['b', 'c', 'd'].map((item) => group.write(item));
    expect(writes.statements).toEqual([['a']]);
    writes.endOne();
    await settle();
    expect(writes.statements).toEqual([['a'], ['b', 'c', 'd']]);
    writes.endOne();
    await expect(first).resolves.toBe('a:written');
    await expect(Promise.all(waiting)).resolves.toEqual(['b:written', 'c:written', 'd:written']);
  });

  it('puts at most maxItems in one statement', async () => {
    const writes = new HeldWrites();
    const group = new GroupCommit(writes, { inFlight: 1, maxItems: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((item) => group.write(item));
    for (let ended = 0; ended < 3; ended++) {
      writes.endOne();
      await settle();
    }
    expect(writes.statements).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
    await expect(Promise.all(all)).resolves.toHaveLength(5);
  });

  it('when a statement of many fails, writes each of its items alone: only the one at fault fails', async () => {
    const writes = new HeldWrites();
    const group = new GroupCommit(writes, { inFlight: 1, maxItems: 10 });
    const first = group.write('a');
    const waiting = ['b', 'bad', 'c'].map((item) => group.write(item).catch((error: Error) => error.message));
    writes.endOne();
    await settle();
    writes.endOne(); // b, bad, c together: it fails
    await settle();
    expect(writes.statements.slice(2)).toEqual([['b'], ['bad'], ['c']]);
    writes.endOne();
    writes.endOne();
    writes.endOne();
    await first;
    await expect(Promise.all(waiting)).resolves.toEqual(['b:written', 'bad broke a constraint', 'c:written']);
  });

  it('sends the next statement when one fails', async () => {
    const writes = new HeldWrites();
    const group = new GroupCommit(writes, { inFlight: 1, maxItems: 10 });
    const bad = group.write('bad').catch((error: Error) => error.message);
    const next = group.write('d');
    writes.endOne();
    await expect(bad).resolves.toBe('bad broke a constraint');
    await settle();
    expect(writes.statements).toEqual([['bad'], ['d']]);
    writes.endOne();
    await expect(next).resolves.toBe('d:written');
  });
});
