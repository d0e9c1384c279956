/** Who a comment's body names: e-mail addresses and bracketed names, lower-cased, in order. */
export interface MentionTokens {
  emails: string[];
  names: string[];
  /** Every token in the order first written (`email:…` or `name:…`), for ordering the people found. */
  order: string[];
}

/**
 * `@` then an e-mail address. The `@` must not follow a letter, digit or an address character
 * (`someone@desk.example` alone is an address, not a mention); a trailing dot ends a sentence,
 * not the domain.
 */
const EMAIL_MENTION = /(?<![\p{L}\p{N}._%+@-])@([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![A-Za-z0-9-])/gu;
/** `@[Full Name]`: anything but brackets and line breaks, at most 200 characters (a user's name). */
const NAME_MENTION = /(?<![\p{L}\p{N}._%+@-])@\[([^\][\r\n]{1,200})\]/gu;
/**
 * Fenced code blocks (``` or ~~~, closed by a fence at least as long, or by the end): what is
 * quoted as code mentions nobody. The lookaheads keep a line of 10,000 backticks linear.
 */
const FENCED_CODE = [
  /^ {0,3}(`{3,})(?!`)[^`\n]*\n[\s\S]*?(?:^ {0,3}\1`*[ \t]*$|(?![\s\S]))/gm,
  /^ {0,3}(~{3,})(?!~)[^\n]*\n[\s\S]*?(?:^ {0,3}\1~*[ \t]*$|(?![\s\S]))/gm,
];

/**
 * Finds the mentions of a Markdown body (docs/api.md, "Conversation on a claim"). Names are
 * compared without case and with runs of white space made one; whether a token names a user of
 * the workspace is for the caller to decide (anything else stays plain text).
 */
export function findMentions(body: string): MentionTokens {
  const text = withoutCodeSpans(FENCED_CODE.reduce((rest, fence) => rest.replace(fence, ' '), body));
  const found: Array<{ at: number; token: string }> = [];
  for (const match of text.matchAll(EMAIL_MENTION)) found.push({ at: match.index, token: `email:${match[1].toLowerCase()}` });
  for (const match of text.matchAll(NAME_MENTION)) {
    const name = normaliseName(match[1]);
    if (name) found.push({ at: match.index, token: `name:${name}` });
  }
  const order = [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.token))];
  return {
    emails: order.filter((t) => t.startsWith('email:')).map((t) => t.slice('email:'.length)),
    names: order.filter((t) => t.startsWith('name:')).map((t) => t.slice('name:'.length)),
    order,
  };
}

/**
 * Blanks out code spans: a run of n backticks up to the next run of exactly n (CommonMark); a
 * run with no partner is plain text. One pass over the runs, so 10,000 backticks cost no more
 * than 10,000 letters (a regular expression would backtrack quadratically).
 */
function withoutCodeSpans(text: string): string {
  const runs: Array<{ start: number; length: number }> = [];
  for (const match of text.matchAll(/`+/g)) runs.push({ start: match.index, length: match[0].length });
  // For each run, the index of the next run of the same length.
  const next = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    next[i] = lastOfLength.get(runs[i].length) ?? -1;
    lastOfLength.set(runs[i].length, i);
  }
  let out = '';
  let copied = 0;
  for (let i = 0; i < runs.length; i++) {
    const close = next[i];
    if (close < 0 || runs[i].start < copied) continue;
    out += `${text.slice(copied, runs[i].start)} `;
    copied = runs[close].start + runs[close].length;
    // Runs inside the span are skipped by the `start < copied` test.
  }
  return out + text.slice(copied);
}

/** How names are compared: trimmed, inner white space made one space, lower case. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The people a body mentions, in the order first named, each once: `users` are the candidates
 * the caller found for the tokens (active users of the workspace). A bracketed name that fits
 * several people mentions each of them.
 */
export function orderMentioned<U extends { id: string; email: string; name: string }>(tokens: MentionTokens, users: U[]): U[] {
  const seen = new Set<string>();
  const result: U[] = [];
  for (const token of tokens.order) {
    const fits = users.filter((u) => (token.startsWith('email:') ? `email:${u.email.toLowerCase()}` : `name:${normaliseName(u.name)}`) === token);
    for (const user of fits.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (!seen.has(user.id)) {
        seen.add(user.id);
        result.push(user);
      }
    }
  }
  return result;
}
