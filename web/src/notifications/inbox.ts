import type { Schemas } from '../api/client';

export type InboxEntry = Schemas['InboxEntryView'];

const TYPE_WORDS: Record<string, string> = {
  'reminder.due': 'Reminder',
  digest: 'Digest',
  'claim.overdue': 'Overdue',
  mention: 'Mention',
  'claim.activity': 'Activity',
};

/** An entry's type in a word (`Reminder`, `Digest` …); a type this desk does not know yet reads as `Notification`. */
export function typeWord(type: string): string {
  return TYPE_WORDS[type] ?? 'Notification';
}

export interface DigestClaim {
  id: string;
  text: string;
}

const DIGEST_SECTIONS = [
  { key: 'overdue', title: 'Overdue' },
  { key: 'dueToday', title: 'Due today' },
  { key: 'followUps', title: 'Follow-ups this week' },
  { key: 'toReview', title: 'To review' },
] as const;

/**
 * A digest's claims by section (docs/api.md, "Digests and escalation"), only the sections that hold any. `data`
 * is the entry's own: anything that is not a list of claims is left out rather than trusted.
 */
export function digestSections(data: Record<string, unknown> | undefined): Array<{ title: string; claims: DigestClaim[] }> {
  if (!data) return [];
  return DIGEST_SECTIONS.map(({ key, title }) => {
    const list = Array.isArray(data[key]) ? (data[key] as unknown[]) : [];
    const claims = list.filter(
      (item): item is DigestClaim =>
        !!item && typeof item === 'object' && typeof (item as DigestClaim).id === 'string' && typeof (item as DigestClaim).text === 'string',
    );
    return { title, claims };
  }).filter((section) => section.claims.length > 0);
}
