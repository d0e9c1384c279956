import { claimText } from './claim-text';

describe('claimText', () => {
  it('removes wrapping quotes and the attribution after them', () => {
    expect(claimText('"We paid. We will be repaid," she said.')).toBe('We paid. We will be repaid.');
    expect(claimText('“Kenya will be reimbursed,” said PS Miriam Chebet.')).toBe('Kenya will be reimbursed.');
  });

  it('removes a trailing attribution clause after the last comma', () => {
    expect(claimText('Police arrested 14 suspects, the Directorate of Criminal Investigations said.')).toBe('Police arrested 14 suspects.');
    expect(claimText('Inflation eased to 4.1% in August, according to the statistics bureau.')).toBe('Inflation eased to 4.1% in August.');
  });

  it('removes a leading "According to X," and capitalises what follows', () => {
    expect(claimText('According to the World Bank, poverty fell to 36 percent.')).toBe('Poverty fell to 36 percent.');
  });

  it('keeps attribution that is part of the grammar, and relative clauses', () => {
    expect(claimText('Governor Halima Noor said the county collected Ksh 6.8 billion.')).toBe(
      'Governor Halima Noor said the county collected Ksh 6.8 billion.',
    );
    expect(claimText('The levy rose to 2 percent, which the minister said was fair.')).toBe('The levy rose to 2 percent, which the minister said was fair.');
  });

  it('collapses white space and line breaks', () => {
    expect(claimText('The Treasury\n  released   Ksh 4 billion.')).toBe('The Treasury released Ksh 4 billion.');
  });
  it("drops a pronoun's reported speech at the start, keeping what was said", () => {
    expect(claimText('He added that the money Kenya spent will be reimbursed by next year.')).toBe('The money Kenya spent will be reimbursed by next year.');
    expect(claimText('She also said that clinics would reopen on Monday.')).toBe('Clinics would reopen on Monday.');
    expect(claimText('The minister said that clinics would reopen on Monday.')).toBe('The minister said that clinics would reopen on Monday.');
  });
});
