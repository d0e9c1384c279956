import { findClaimant } from './claimant';

const claimantOf = (sentence: string) => findClaimant(sentence, undefined).claimant;

describe('findClaimant within a sentence', () => {
  it('takes the titled name before the speech verb, with the title as affiliation', () => {
    expect(claimantOf('Finance Cabinet Secretary Amina Wekesa said the deficit had narrowed.')).toEqual({
      name: 'Amina Wekesa',
      affiliation: 'Finance Cabinet Secretary',
    });
  });

  it('takes the speaker of a trailing attribution after a comma', () => {
    expect(claimantOf('The dam will be ready by June, Water PS Daniel Kiprono told reporters.')).toEqual({
      name: 'Daniel Kiprono',
      affiliation: 'Water PS',
    });
    expect(claimantOf('Police arrested 14 suspects, the Directorate of Criminal Investigations said.')).toEqual({
      name: 'Directorate of Criminal Investigations',
    });
  });

  it('takes the speaker after an inverted "said"', () => {
    expect(claimantOf('"We have cleared the arrears," said Dr. Grace Achieng.')).toEqual({ name: 'Grace Achieng', affiliation: 'Dr.' });
  });

  it('reads an appositive as the affiliation', () => {
    expect(claimantOf('Wanjiru Kamau, the county health director, told reporters the clinic had no test kits.')).toEqual({
      name: 'Wanjiru Kamau',
      affiliation: 'county health director',
    });
  });

  it('reads a name in apposition to an office: the office is the affiliation', () => {
    expect(claimantOf("Lakeside County's finance executive, Miriam Achola, said the bridge would reopen in May.")).toEqual({
      name: 'Miriam Achola',
      affiliation: "Lakeside County's finance executive",
    });
    expect(claimantOf("In a statement on Monday, the ministry's chief economist, Joseph Karanja, warned that inflation would rise.")).toEqual({
      name: 'Joseph Karanja',
      affiliation: "ministry's chief economist",
    });
    expect(claimantOf("The port authority's director general, Dr. Halima Noor, announced new fees.")).toEqual({
      name: 'Halima Noor',
      affiliation: "port authority's director general",
    });
  });

  it('keeps a lower-case title before the name as affiliation', () => {
    expect(claimantOf('Prices will fall in March, chief executive Peter Maina announced.')).toEqual({
      name: 'Peter Maina',
      affiliation: 'chief executive',
    });
  });

  it('handles "according to X" at the start and at the end', () => {
    expect(claimantOf('According to Dr. Patrick Amoth, cases fell by 40 percent.')).toEqual({ name: 'Patrick Amoth', affiliation: 'Dr.' });
    expect(claimantOf('Inflation eased to 4.1%, according to the Kenya National Bureau of Statistics.')).toEqual({
      name: 'Kenya National Bureau of Statistics',
    });
    expect(claimantOf('Cases fell by 40 percent, according to a report by the World Health Organization.')).toEqual({
      name: 'World Health Organization',
    });
  });

  it('does not treat generic or unnamed subjects as claimants', () => {
    expect(claimantOf('Critics said the plan would fail.')).toBeUndefined();
    expect(claimantOf('Health officials confirmed 37 new cases.')).toBeUndefined();
    expect(claimantOf('Traders at Gikomba market said business was slow.')).toBeUndefined();
    expect(claimantOf('Cases fell, according to official figures.')).toBeUndefined();
    expect(claimantOf('The dam was completed in 2024.')).toBeUndefined();
  });
});

describe('findClaimant across sentences', () => {
  it('resolves "he said" to the titled person named in the previous sentence', () => {
    const first = findClaimant("Principal Secretary Korir Sing'Oei spoke to reporters on Tuesday.", undefined);
    const second = findClaimant('"Kenya will be reimbursed," he said.', first.speakerForNext);
    expect(second.claimant).toEqual({ name: "Korir Sing'Oei", affiliation: 'Principal Secretary' });
  });

  it('resolves "she said" to the previous sentence\'s claimant, along a chain of quotes', () => {
    const first = findClaimant('Governor Halima Noor said the county had collected Ksh 6.8 billion.', undefined);
    const second = findClaimant('"We paid. We will be repaid," she said.', first.speakerForNext);
    const third = findClaimant('"The money is safe," she added.', second.speakerForNext);
    expect(second.claimant?.name).toBe('Halima Noor');
    expect(third.claimant?.name).toBe('Halima Noor');
  });

  it('gives a bare quotation the previous speaker', () => {
    const first = findClaimant('Health CS Joseph Kiprotich visited Kisumu on Monday.', undefined);
    const second = findClaimant('"We will hire 300 nurses before June."', first.speakerForNext);
    expect(second.claimant).toEqual({ name: 'Joseph Kiprotich', affiliation: 'Health CS' });
  });

  it('leaves a pronoun unresolved when the previous sentence names nobody', () => {
    const first = findClaimant('The rain fell all morning.', undefined);
    expect(findClaimant('"The roads are closed," he said.', first.speakerForNext).claimant).toBeUndefined();
  });

  it('does not carry a speaker to a plain narrative sentence', () => {
    const first = findClaimant('Governor Halima Noor said the county had collected Ksh 6.8 billion.', undefined);
    expect(findClaimant('The county has 1.2 million residents.', first.speakerForNext).claimant).toBeUndefined();
  });
});
