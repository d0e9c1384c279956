/**
 * A claimant's name made into an address (docs/api.md, "The public promise tracker"): lower case,
 * apostrophes dropped, every other run of characters that are not letters or digits made one
 * `-`. "Korir Sing'Oei" → `korir-singoei`. Letters of every script count as letters, so a name
 * in Amharic or Greek keeps its own address; the name is put in composed form (NFC) first so
 * that the same name typed two ways is one claimant. A name with no letter or digit at all
 * is `-`, so that it still has a page.
 */
export function claimantSlug(name: string): string {
  const slug = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc\u02b9`\u00b4]/gu, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? '-' : slug;
}
