import { splitBlocks, splitSentences } from './sentences';

const texts = (text: string): string[] => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('splits ordinary sentences on . ! ?', () => {
    expect(texts('The bridge opened on Monday. Traffic doubled! Was it worth it? Residents think so.')).toEqual([
      'The bridge opened on Monday.',
      'Traffic doubled!',
      'Was it worth it?',
      'Residents think so.',
    ]);
  });

  it('does not end a sentence after titles', () => {
    expect(texts('Dr. Achieng met Mr. Otieno and Mrs. Njeri. Prof. Wafula and Gen. Tanui arrived later.')).toEqual([
      'Dr. Achieng met Mr. Otieno and Mrs. Njeri.',
      'Prof. Wafula and Gen. Tanui arrived later.',
    ]);
  });

  it('does not end a sentence after Ksh., No., St., Jan. or initialisms', () => {
    const text =
      'The county paid Ksh. 2 billion for plot No. 14 on St. Paul Road on Jan. 5 this year. ' +
      'The U.S. and the U.N. welcomed the deal. John F. Mwangi signed it.';
    expect(texts(text)).toEqual([
      'The county paid Ksh. 2 billion for plot No. 14 on St. Paul Road on Jan. 5 this year.',
      'The U.S. and the U.N. welcomed the deal.',
      'John F. Mwangi signed it.',
    ]);
  });

  it('ends a sentence after an ambiguous abbreviation when a typical opener follows', () => {
    expect(texts('The envoy flew to the U.S. The talks begin today.')).toEqual(['The envoy flew to the U.S.', 'The talks begin today.']);
    expect(texts('Asked whether he would resign, he said no. Then he left.')).toEqual(['Asked whether he would resign, he said no.', 'Then he left.']);
  });

  it('does not split decimals or percentages', () => {
    expect(texts('Debt rose to Ksh 2.1 billion. Inflation was 3.5% in May.')).toEqual(['Debt rose to Ksh 2.1 billion.', 'Inflation was 3.5% in May.']);
  });

  it('keeps a quoted passage with several sentences whole, with its attribution (straight quotes)', () => {
    expect(texts('"We paid. We will be repaid," she said. The PS left.')).toEqual(['"We paid. We will be repaid," she said.', 'The PS left.']);
  });

  it('keeps a quoted passage whole with curly quotes, and after a question inside quotes', () => {
    expect(texts('“Is it fair? No. We want our money back,” the trader said. Police arrived.')).toEqual([
      '“Is it fair? No. We want our money back,” the trader said.',
      'Police arrived.',
    ]);
  });

  it('ends a quoted sentence when a new capitalised sentence follows the closing quote', () => {
    expect(texts('He said: "The work is done." The minister disagreed.')).toEqual(['He said: "The work is done."', 'The minister disagreed.']);
  });

  it('does not let an unclosed quote swallow the rest of the paragraph', () => {
    expect(texts('"We paid. We will be repaid. The cheque is in the post.')).toEqual(['"We paid.', 'We will be repaid.', 'The cheque is in the post.']);
  });

  it('ignores apostrophes inside words when tracking quotes', () => {
    expect(texts('Kenya’s PS Sing’Oei spoke. He left at noon.')).toEqual(['Kenya’s PS Sing’Oei spoke.', 'He left at noon.']);
  });

  it('always ends a sentence at a blank line, even without punctuation', () => {
    expect(texts('Budget talks resume in Nairobi\n\nThe Treasury said it would table the bill')).toEqual([
      'Budget talks resume in Nairobi',
      'The Treasury said it would table the bill',
    ]);
  });

  it('ends a sentence at a single line break before a capitalised line, joins hard-wrapped lines', () => {
    const text = 'Health: the numbers\nThe ministry said it\nhad hired 300 nurses,\nmost of them in Turkana.';
    expect(texts(text)).toEqual(['Health: the numbers', 'The ministry said it\nhad hired 300 nurses,\nmost of them in Turkana.']);
  });

  it('gives offsets that point at the exact source text', () => {
    const text = '  Dr. Achieng spoke.\n\n   "We paid," she said.  ';
    for (const sentence of splitSentences(text)) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    expect(splitSentences(text)).toHaveLength(2);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n \t ')).toEqual([]);
  });
});

describe('splitBlocks', () => {
  it('separates paragraphs at blank lines and keeps Windows line endings inside the spans', () => {
    const text = 'First paragraph.\r\n\r\nSecond paragraph.\r\n';
    expect(splitBlocks(text).map((b) => text.slice(b.start, b.end).trim())).toEqual(['First paragraph.', 'Second paragraph.']);
  });
});
