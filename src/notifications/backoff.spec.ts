import { backoffMs, MAX_BACKOFF_MS } from './backoff';

describe('delivery backoff', () => {
  it('doubles from the base, between half and all of the step', () => {
    for (const [attempts, step] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [6, 32000],
    ]) {
      expect(backoffMs(1000, attempts, () => 0)).toBe(step / 2);
      expect(backoffMs(1000, attempts, () => 1)).toBe(step);
      const value = backoffMs(1000, attempts);
      expect(value).toBeGreaterThanOrEqual(step / 2);
      expect(value).toBeLessThanOrEqual(step);
    }
  });

  it('is capped', () => {
    expect(backoffMs(10_000, 40, () => 1)).toBe(MAX_BACKOFF_MS);
  });

  it('spreads retries that failed together', () => {
    const values = new Set(Array.from({ length: 20 }, () => backoffMs(10_000, 3)));
    expect(values.size).toBeGreaterThan(10);
  });
});
