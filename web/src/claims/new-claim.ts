import type { Schemas } from '../api/client';
import { wallTimeToInstant } from '../ui/format';
import type { Kind, Priority } from './vocabulary';

/** What the new-claim form holds, as typed. */
export interface NewClaimForm {
  text: string;
  kind: Kind;
  claimant: string;
  affiliation: string;
  quote: string;
  sourceId: string;
  /** A wall time (YYYY-MM-DDTHH:MM) in the person's zone, or ''. */
  due: string;
  priority: Priority;
  /** Comma-separated. */
  tags: string;
}

export const EMPTY_FORM: NewClaimForm = {
  text: '',
  kind: 'statement',
  claimant: '',
  affiliation: '',
  quote: '',
  sourceId: '',
  due: '',
  priority: 'normal',
  tags: '',
};

/** Tags as typed (`haiti, Budget ,haiti`) → the API's list: trimmed, no empties, each once (the first spelling kept). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

/** POST /v1/claims's body for the form: only what was filled in, the due time read in the person's zone. */
export function createBody(form: NewClaimForm, timeZone: string): Schemas['CreateClaimDto'] {
  const affiliation = form.affiliation.trim();
  const quote = form.quote.trim();
  const tags = parseTags(form.tags);
  const due = form.due ? wallTimeToInstant(form.due, timeZone) : null;
  return {
    text: form.text.trim(),
    kind: form.kind,
    claimant: { name: form.claimant.trim(), ...(affiliation ? { affiliation } : {}) },
    priority: form.priority,
    ...(quote ? { quote } : {}),
    ...(form.sourceId ? { sourceId: form.sourceId } : {}),
    ...(due ? { dueAt: due.toISOString() } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/** Whether a draft says enough to be worth matching: a few words, not a fragment being typed. */
export function worthMatching(text: string): boolean {
  return (
    text
      .trim()
      .split(/\s+/)
      .filter((word) => word.length > 1).length >= 3
  );
}
