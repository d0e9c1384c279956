/**
 * Characters a page or a feed must never carry: the C0 controls but tab, line feed and carriage
 * return, DEL and the C1 controls, and the Unicode noncharacters. PostgreSQL stores them and the
 * API accepts them in a claim, but they are parse errors in HTML and not allowed at all in XML.
 */
const UNPRINTABLE = /(?![\t\n\r])[\p{Cc}\p{Noncharacter_Code_Point}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes a value for HTML text or a quoted attribute, and for XML: every interpolation in the
 * tracker's templates goes through this (Eta's autoEscape), so text a claim carries is always
 * shown as text.
 */
export function escapeMarkup(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  return text.replace(UNPRINTABLE, '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * JSON for a `<script type="application/ld+json">` block: nothing in it can close the element
 * or open a comment (`<`, `>`, `&` as escapes), and none of the characters that HTML refuses in
 * a script's text appear raw.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** An address that may be a link: only http(s) URLs; anything else is shown as text, never followed. */
export function linkable(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}

/** Plain text in paragraphs: a blank line starts a new one; nothing in it is markup. */
export function paragraphs(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** At most `max` characters, cut at a word where one is near, for descriptions and titles. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
