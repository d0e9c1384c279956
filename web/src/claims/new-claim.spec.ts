import { createBody, EMPTY_FORM, parseTags, worthMatching } from './new-claim';

describe('a new claim from the form', () => {
  it('reads tags as typed, each once', () => {
    expect(parseTags(' haiti, Budget ,, haiti , budget,UN ')).toEqual(['haiti', 'Budget', 'UN']);
    expect(parseTags('')).toEqual([]);
  });

  it('sends only what was filled in', () => {
    expect(createBody({ ...EMPTY_FORM, text: ' Kenya spent Ksh 2.1 billion ', claimant: " Korir Sing'Oei " }, 'UTC')).toEqual({
      text: 'Kenya spent Ksh 2.1 billion',
      kind: 'statement',
      claimant: { name: "Korir Sing'Oei" },
      priority: 'normal',
    });
  });

  it('sends every field, the due time read in the person’s zone', () => {
    const form = {
      text: 'The money will be reimbursed',
      kind: 'promise' as const,
      claimant: "Korir Sing'Oei",
      affiliation: 'Foreign Affairs',
      quote: '“It will be reimbursed,” he said.',
      sourceId: 's1',
      due: '2026-12-10T17:00',
      priority: 'high' as const,
      tags: 'haiti, budget',
    };
    expect(createBody(form, 'Africa/Nairobi')).toEqual({
      text: 'The money will be reimbursed',
      kind: 'promise',
      claimant: { name: "Korir Sing'Oei", affiliation: 'Foreign Affairs' },
      priority: 'high',
      quote: '“It will be reimbursed,” he said.',
      sourceId: 's1',
      dueAt: '2026-12-10T14:00:00.000Z',
      tags: ['haiti', 'budget'],
    });
  });

  it('matches a draft once it says a few words', () => {
    expect(worthMatching('Kenya')).toBe(false);
    expect(worthMatching('Kenya has a')).toBe(false);
    expect(worthMatching('Kenya has spent')).toBe(true);
  });
});
