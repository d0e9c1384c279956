/**
 * Mention completion in the comment field: which `@` the caret is in, whom it may name, and
 * the text once a person is chosen. The API reads `@email` and `@[Full Name]` (docs/api.md,
 * "Conversation on a claim"; src/comments/mentions.ts); this writes exactly those, so what the
 * desk offers is what the API will understand. Pure functions of (text, caret, people).
 */
export interface Person {
  id: string;
  name: string;
  email: string;
}

/** The mention being typed: the text from its `@` (start) to the end of the token (end). */
export interface MentionQuery {
  start: number;
  end: number;
  /** What follows the `@` (or `@[`) up to the caret: what the person has typed so far. */
  query: string;
}

/**
 * Characters that may not come right before a mention's `@` (the API's rule: `someone@desk.example`
 * is an address, not a mention), and that make up a plain `@email` token.
 */
const TOKEN_CHAR = /[\p{L}\p{N}\p{M}._%+@-]/u;
/** A bracketed name as the API reads it: no brackets or line breaks, at most 200 characters. */
const BRACKET_NAME = /^[^\][\r\n]{1,200}$/;
const API_EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const MAX_QUERY = 200;

function startsMention(text: string, at: number): boolean {
  return at === 0 || !TOKEN_CHAR.test(text[at - 1]!);
}

/**
 * The mention the caret is in, or null. Two forms: `@[` with no `]` yet between it and the
 * caret (a name, spaces allowed), or a run of address characters that begins with `@` (a name
 * or an address typed without brackets, which ends at a space).
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  if (caret < 0 || caret > text.length) return null;
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const before = text.slice(lineStart, caret);

  const open = before.lastIndexOf('@[');
  if (open >= 0 && !before.includes(']', open) && startsMention(text, lineStart + open)) {
    const query = before.slice(open + 2);
    if (query.length <= MAX_QUERY) {
      // The rest of a name already written after the caret, with its `]`, is replaced too.
      const rest = /^[^\][\r\n@]{0,200}\]/.exec(text.slice(caret));
      return { start: lineStart + open, end: caret + (rest ? rest[0].length : 0), query };
    }
  }

  let start = caret;
  while (start > lineStart && TOKEN_CHAR.test(text[start - 1]!)) start--;
  // Within a run of address characters only its first character can begin a mention.
  if (start === caret || text[start] !== '@' || !startsMention(text, start)) return null;
  const query = text.slice(start + 1, caret);
  if (query.length > MAX_QUERY) return null;
  let end = caret;
  while (end < text.length && TOKEN_CHAR.test(text[end]!)) end++;
  return { start, end, query };
}

function fold(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The people a query may mean, best first: a name that begins with it, then a word of a name,
 * then an e-mail address that begins with it, then any that contains it; alphabetical within
 * each. An empty query offers everyone.
 */
export function matchPeople<P extends Person>(people: readonly P[], query: string, limit = 8): P[] {
  const q = fold(query);
  const rank = (person: P): number => {
    if (!q) return 0;
    const name = fold(person.name);
    const email = person.email.toLowerCase();
    if (name.startsWith(q)) return 0;
    if (name.split(' ').some((word) => word.startsWith(q))) return 1;
    if (email.startsWith(q)) return 2;
    if (name.includes(q) || email.includes(q)) return 3;
    return -1;
  };
  return people
    .map((person) => ({ person, rank: rank(person) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.person.name.localeCompare(b.person.name) || a.person.email.localeCompare(b.person.email))
    .slice(0, limit)
    .map((entry) => entry.person);
}

/**
 * How to write a mention of `person` so the API names them and nobody else: `@[Name]` when the
 * name can be bracketed and no other person of the workspace has it (a shared name mentions
 * everyone who has it), else `@email`.
 */
export function mentionToken(person: Person, people: readonly Person[]): string {
  const name = person.name.trim();
  const shared = people.some((other) => other.id !== person.id && fold(other.name) === fold(name));
  if (BRACKET_NAME.test(name) && !shared) return `@[${name}]`;
  if (API_EMAIL.test(person.email)) return `@${person.email}`;
  return `@[${name}]`;
}

/**
 * The text with the mention at `at` replaced by `person`'s token and a space after it, and the
 * caret just past that space, so typing goes on.
 */
export function insertMention(text: string, at: MentionQuery, person: Person, people: readonly Person[]): { text: string; caret: number } {
  const token = mentionToken(person, people);
  const after = text.slice(at.end);
  const spaced = /^\s/.test(after) ? after : ` ${after}`;
  return { text: `${text.slice(0, at.start)}${token}${spaced}`, caret: at.start + token.length + 1 };
}
