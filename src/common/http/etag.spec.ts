import { AppError } from './app-error';
import { noneMatchHits, requireMatch, versionFromIfMatch } from './etag';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('If-Match', () => {
  it('reads one tag, a list of tags, and *', () => {
    expect(versionFromIfMatch('"4"')).toEqual([4]);
    expect(versionFromIfMatch('"4", "7"')).toEqual([4, 7]);
    expect(versionFromIfMatch(['"4"', '"7"'])).toEqual([4, 7]);
    expect(versionFromIfMatch(' * ')).toBe('any');
  });

  it('passes over weak and foreign tags, and refuses a header with none that could match', () => {
    expect(versionFromIfMatch('W/"4", "abc", "5"')).toEqual([5]);
    expect(codeOf(() => versionFromIfMatch('W/"4"'))).toBe('PRECONDITION_FAILED');
    expect(codeOf(() => versionFromIfMatch('"abc"'))).toBe('PRECONDITION_FAILED');
    expect(codeOf(() => versionFromIfMatch(undefined))).toBe('PRECONDITION_REQUIRED');
    expect(codeOf(() => versionFromIfMatch('  '))).toBe('PRECONDITION_REQUIRED');
  });

  it('matches when any listed version is the current one', () => {
    expect(codeOf(() => requireMatch([3, 5], 5))).toBeUndefined();
    expect(codeOf(() => requireMatch('any', 9))).toBeUndefined();
    expect(codeOf(() => requireMatch([3, 4], 5))).toBe('PRECONDITION_FAILED');
  });

  it('finds an If-None-Match hit: any tag of a list, weakly compared, or *', () => {
    expect(noneMatchHits('"a1", W/"b2"', '"b2"')).toBe(true);
    expect(noneMatchHits(' * ', '"b2"')).toBe(true);
    expect(noneMatchHits(['"x"', '"b2"'], '"b2"')).toBe(true);
    expect(noneMatchHits('"a1"', '"b2"')).toBe(false);
    expect(noneMatchHits(undefined, '"b2"')).toBe(false);
  });
});
