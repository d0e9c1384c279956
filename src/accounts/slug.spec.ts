import { SLUG_PATTERN, slugFromName, withSuffix } from './slug';

describe('workspace slugs', () => {
  it.each([
    ['Nairobi Fact Desk', 'nairobi-fact-desk'],
    ["  L'Équipe de vérification ", 'l-equipe-de-verification'],
    ['default', 'default'],
    ['Desk 2026 — Elections!!', 'desk-2026-elections'],
  ])('%s → %s', (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
  });

  it('falls back on a random slug when the name has too few latin letters or digits', () => {
    expect(slugFromName('Дежурка')).toMatch(/^workspace-[0-9a-f]{6}$/);
    expect(slugFromName('AB')).toMatch(/^workspace-[0-9a-f]{6}$/);
  });

  it('keeps every slug, suffixed or not, within [a-z0-9-]{3,40}', () => {
    const long = slugFromName('A very long newsroom name that goes on and on past forty characters');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(SLUG_PATTERN);
    expect(withSuffix(long)).toMatch(SLUG_PATTERN);
    expect(withSuffix(long)).not.toBe(long);
  });
});
