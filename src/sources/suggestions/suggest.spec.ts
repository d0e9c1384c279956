import { suggestClaims, suggestClaimsAsync, type Suggestion } from './suggest';

const referenceDate = new Date('2026-03-10T09:00:00Z');
const options = { referenceDate };

/** A short article written for this test (fictional people and figures). */
const article = [
  'Haiti mission: Kenya expects refund',
  '',
  'Principal Secretary Korir Sing\'Oei spoke to reporters on Tuesday. "Kenya will be reimbursed by June 2027," he said.',
  'Kenya has deployed more than 800 police officers to Haiti since the mission began, at a cost of about Ksh 2.1 billion.',
  'We believe the mission has been a success.',
  'What happens if the funds never arrive?',
  'The mood at the briefing was relaxed.',
  'The ministry plans to send 200 more officers within six months, according to Interior PS Raymond Omollo.',
].join('\n');

function bySentence(suggestions: Suggestion[], start: string): Suggestion {
  const found = suggestions.find((s) => s.sentence.startsWith(start));
  if (!found) throw new Error(`no suggestion for "${start}"`);
  return found;
}

describe('suggestClaims', () => {
  it('returns [] for empty or blank text', () => {
    expect(suggestClaims('', options)).toEqual([]);
    expect(suggestClaims('  \n\n\t ', options)).toEqual([]);
  });

  it('sorts by check-worthiness, highest first', () => {
    const scores = suggestClaims(article, options).map((s) => s.checkworthiness);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.length).toBeGreaterThan(3);
  });

  it('keeps source order for equal scores', () => {
    const text = 'The market opened on Monday. The school opened on Monday. The clinic opened on Monday.';
    expect(suggestClaims(text, options).map((s) => s.sentence)).toEqual([
      'The market opened on Monday.',
      'The school opened on Monday.',
      'The clinic opened on Monday.',
    ]);
  });

  it('ranks a figure-rich statement above an opinion and a scene description', () => {
    const suggestions = suggestClaims(article, options);
    const statement = bySentence(suggestions, 'Kenya has deployed');
    const opinion = bySentence(suggestions, 'We believe');
    const scene = bySentence(suggestions, 'The mood at the briefing');
    expect(statement.checkworthiness).toBeGreaterThan(scene.checkworthiness);
    expect(scene.checkworthiness).toBeGreaterThan(opinion.checkworthiness);
    expect(suggestions.indexOf(statement)).toBeLessThan(suggestions.indexOf(opinion));
  });

  it('classifies statements, promises and opinions; opinions score low', () => {
    const suggestions = suggestClaims(article, options);
    expect(bySentence(suggestions, 'Kenya has deployed').kind).toBe('statement');
    expect(bySentence(suggestions, '"Kenya will be reimbursed').kind).toBe('promise');
    const opinion = bySentence(suggestions, 'We believe');
    expect(opinion.kind).toBe('opinion');
    expect(opinion.signals).toContain('opinion');
    expect(opinion.checkworthiness).toBeLessThanOrEqual(0.15);
  });

  it('attributes a quote to the speaker named in the previous sentence, and cleans the claim text', () => {
    const quote = bySentence(suggestClaims(article, options), '"Kenya will be reimbursed');
    expect(quote.sentence).toBe('"Kenya will be reimbursed by June 2027," he said.');
    expect(quote.text).toBe('Kenya will be reimbursed by June 2027.');
    expect(quote.claimant).toEqual({ name: "Korir Sing'Oei", affiliation: 'Principal Secretary' });
    expect(quote.suggestedFollowUpAt).toBe('2027-06-01T00:00:00.000Z');
  });

  it('attributes "according to X" and resolves "within six months" from the reference date', () => {
    const promise = bySentence(suggestClaims(article, options), 'The ministry plans to send');
    expect(promise.claimant).toEqual({ name: 'Raymond Omollo', affiliation: 'Interior PS' });
    expect(promise.kind).toBe('promise');
    expect(promise.suggestedFollowUpAt).toBe('2026-09-10T00:00:00.000Z');
    expect(promise.text).toBe('The ministry plans to send 200 more officers within six months.');
  });

  it('only promises get a follow-up date', () => {
    const statement = suggestClaims('The dam was completed in March 2025 at a cost of Ksh 4 billion.', options)[0];
    expect(statement.kind).toBe('statement');
    expect(statement.suggestedFollowUpAt).toBeUndefined();
  });

  it('drops questions and headings without a verb', () => {
    const sentences = suggestClaims(article, options).map((s) => s.sentence);
    expect(sentences).not.toContain('What happens if the funds never arrive?');
    expect(suggestClaims('Health budget: the numbers\n\nThe county hired 300 nurses.', options).map((s) => s.sentence)).toEqual([
      'The county hired 300 nurses.',
    ]);
  });

  it('drops a run-on of more than 1,500 characters but keeps the sentences around it', () => {
    const runOn = `Revenue ${'county revenue table row '.repeat(80)}end.`;
    const text = `The county hired 300 nurses. ${runOn} The Treasury paid Ksh 2 billion.`;
    expect(suggestClaims(text, options).map((s) => s.sentence)).toEqual(['The Treasury paid Ksh 2 billion.', 'The county hired 300 nurses.']);
  });

  it('returns sentences exactly as they appear in the source, with a bounded score', () => {
    for (const suggestion of suggestClaims(article, options)) {
      expect(article).toContain(suggestion.sentence);
      expect(suggestion.sentence).toBe(suggestion.sentence.trim());
      expect(suggestion.checkworthiness).toBeGreaterThanOrEqual(0);
      expect(suggestion.checkworthiness).toBeLessThanOrEqual(1);
    }
  });
});

describe('suggestClaimsAsync', () => {
  it('returns the same result as suggestClaims', async () => {
    await expect(suggestClaimsAsync(article, options)).resolves.toEqual(suggestClaims(article, options));
  });

  it('hands the event loop back while working on a long text', async () => {
    const long = Array.from({ length: 8000 }, (_, i) => `County ${i} received Ksh ${i + 1} million on Monday, the Treasury said.`).join(' ');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const suggestions = await suggestClaimsAsync(long, options);
    clearInterval(timer);
    expect(suggestions).toHaveLength(8000);
    expect(ticks).toBeGreaterThan(0);
  });

  it('returns [] for blank text', async () => {
    await expect(suggestClaimsAsync('   ', options)).resolves.toEqual([]);
  });
});
