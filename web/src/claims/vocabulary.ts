import type { Claim } from '../api/client';

/**
 * The desk's words for the API's values: the names fixed in docs/desk.md, "The board" and "The claim page" (status columns, lifecycle
 * buttons) and that outside tests find the desk by. One place, so a screen never spells them
 * twice.
 */
export type Status = Claim['status'];
export type Kind = Claim['kind'];
export type Priority = Claim['priority'];

/** The board's columns, in the order of docs/desk.md, "The board". */
export const STATUS_ORDER: readonly Status[] = ['submitted', 'in_research', 'monitoring', 'in_review', 'published', 'rejected'];

export const STATUS_LABEL: Record<Status, string> = {
  submitted: 'Submitted',
  in_research: 'In research',
  monitoring: 'Monitoring',
  in_review: 'In review',
  published: 'Published',
  rejected: 'Rejected',
};

/** The claim page's lifecycle buttons, by (from, to). */
export function transitionButton(from: Status, to: Status): string {
  if (to === 'in_research') {
    if (from === 'submitted') return 'Start research';
    if (from === 'monitoring') return 'Resume research';
    if (from === 'in_review') return 'Send back';
    if (from === 'published') return 'Reopen';
  }
  if (to === 'rejected') return 'Reject';
  if (to === 'submitted') return 'Restore';
  if (to === 'monitoring') return 'Monitor';
  if (to === 'in_review') return 'Send to review';
  if (to === 'published') return 'Publish';
  return STATUS_LABEL[to];
}

export const KIND_LABEL: Record<Kind, string> = { statement: 'Statement', promise: 'Promise', opinion: 'Opinion' };
export const KINDS: readonly Kind[] = ['statement', 'promise', 'opinion'];

export const PRIORITY_LABEL: Record<Priority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };
export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

const RATING_LABEL: Record<string, string> = {
  true: 'True',
  mostly_true: 'Mostly true',
  half_true: 'Half true',
  mostly_false: 'Mostly false',
  false: 'False',
  misleading: 'Misleading',
  unproven: 'Unproven',
  kept: 'Kept',
  compromise: 'Compromise',
  broken: 'Broken',
  in_the_works: 'In the works',
  stalled: 'Stalled',
};

export function ratingLabel(rating: string): string {
  return RATING_LABEL[rating] ?? rating.replace(/_/g, ' ');
}
