/**
 * The claim text proposed for a sentence: the sentence with its white space collapsed and
 * the attribution taken out, since the speaker travels separately in `claimant` and the
 * original stays in `sentence`:
 *  - a leading "According to X, " is removed, and so is a leading pronoun's reported speech:
 *    "He added that the money will be repaid." → "The money will be repaid.";
 *  - a sentence that is a quotation followed by its attribution keeps only the quotation:
 *    `"We paid. We will be repaid," she said.` → `We paid. We will be repaid.`;
 *  - a trailing attribution clause after the last comma is removed: ", the ministry said.",
 *    ", Health CS Joseph Kiprotich told reporters.", ", according to the World Bank.";
 *  - quote marks wrapping the whole sentence are removed; a comma left at the end becomes
 *    a full stop.
 * Attribution inside the sentence ("X said the deficit narrowed") is kept: it carries the
 * grammar of the claim. When fewer than three words would remain, the sentence is used.
 */

const SPEECH = '(?:said|says|say|told|added|explained|stated|announced|noted|insisted|warned|confirmed|declared|wrote|argued|claimed|asked)';
/** "<up to 8 words> said <up to 6 words>", not a relative clause ("which the minister said was…"). */
const ATTRIBUTION_CLAUSE = new RegExp(
  `^(?!(?:which|who|whom|that|as|but|and|while|because|although|when|where|if)\\b)(?:[^\\s,"“”]+\\s+){0,8}?${SPEECH}(?:\\s+[^\\s,"“”]+){0,6}$`,
  'iu',
);
const LEADING_ACCORDING = /^[Aa]ccording to [^,"“”]{1,80},\s+/u;
const LEADING_PRONOUN_SPEECH = new RegExp(`^(?:he|she|they)\\s+(?:also\\s+)?${SPEECH}\\s+that\\s+`, 'iu');
const TRAILING_ACCORDING = /,\s+according to [^,"“”]{1,100}$/u;
const QUOTE_THEN_REST = /^["“]([^"“”]+)["”]\s*,?\s*(.*)$/u;

export function claimText(sentence: string): string {
  const flat = sentence.replace(/\s+/g, ' ').trim();
  const text = withoutAttribution(flat)
    .trim()
    .replace(/[,;:]$/u, '');
  if (text.split(' ').length < 3) return flat;
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/u.test(capitalised) ? capitalised : `${capitalised}.`;
}

function withoutAttribution(flat: string): string {
  const body = flat.replace(/\.$/u, '').replace(LEADING_ACCORDING, '').replace(LEADING_PRONOUN_SPEECH, '');
  const quote = QUOTE_THEN_REST.exec(body);
  if (quote && (quote[2] === '' || ATTRIBUTION_CLAUSE.test(quote[2]))) return quote[1];
  const rest = body.replace(TRAILING_ACCORDING, '');
  const comma = rest.lastIndexOf(', ');
  return comma > 0 && ATTRIBUTION_CLAUSE.test(rest.slice(comma + 2)) ? rest.slice(0, comma) : rest;
}
