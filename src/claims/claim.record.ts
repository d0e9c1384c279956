import type { ClaimKind, ClaimStatus, Priority, Rating } from './vocabulary';

/** A claim as the services read it: one row of `claims` with its assignee's name. */
export interface ClaimRecord {
  id: string;
  workspaceId: string;
  text: string;
  kind: ClaimKind;
  claimantName: string;
  claimantAffiliation: string | null;
  quote: string | null;
  sourceId: string | null;
  claimedAt: Date | null;
  tags: string[];
  priority: Priority;
  status: ClaimStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  dueAt: Date | null;
  followUpAt: Date | null;
  verdictRating: Rating | null;
  verdictSummary: string | null;
  verdictProposedBy: string | null;
  verdictProposedAt: Date | null;
  publishedAt: Date | null;
  reviewUrl: string | null;
  evidenceCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Whether the person it was read for follows it; absent where it was not read for a person. */
  following?: boolean;
}

/** What a new claim is given; ClaimRecord's other fields start as every claim's do. */
export type NewClaimFields = Pick<
  ClaimRecord,
  | 'id'
  | 'workspaceId'
  | 'text'
  | 'kind'
  | 'claimantName'
  | 'claimantAffiliation'
  | 'quote'
  | 'sourceId'
  | 'claimedAt'
  | 'tags'
  | 'priority'
  | 'assigneeId'
  | 'assigneeName'
  | 'dueAt'
>;

/** A claim about to be written: submitted, version 1, no verdict yet; PostgreSQL sets its timestamps. */
export function newClaimRecord(fields: NewClaimFields): ClaimRecord {
  return {
    ...fields,
    status: 'submitted',
    followUpAt: null,
    verdictRating: null,
    verdictSummary: null,
    verdictProposedBy: null,
    verdictProposedAt: null,
    publishedAt: null,
    reviewUrl: null,
    evidenceCount: 0,
    version: 1,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

/** The columns of a ClaimRecord, for `SELECT … FROM claims c LEFT JOIN users a ON a.id = c.assignee_id`. */
export const CLAIM_COLUMNS = `c.id, c.workspace_id, c.text, c.kind, c.claimant_name, c.claimant_affiliation, c.quote, c.source_id,
  c.claimed_at, c.tags, c.priority, c.status, c.assignee_id, a.name AS assignee_name, c.due_at, c.follow_up_at,
  c.verdict_rating, c.verdict_summary, c.verdict_proposed_by, c.verdict_proposed_at, c.published_at, c.review_url,
  c.evidence_count, c.version, c.created_at, c.updated_at`;

export const CLAIM_FROM = `claims c LEFT JOIN users a ON a.id = c.assignee_id`;

/** The same columns for `INSERT/UPDATE … RETURNING` (no join: the assignee's name is added after). */
export const CLAIM_RETURNING = CLAIM_COLUMNS.replace(/c\./g, '').replace(/a\.name AS assignee_name, /, '');

export interface ClaimRow {
  id: string;
  workspace_id: string;
  text: string;
  kind: ClaimKind;
  claimant_name: string;
  claimant_affiliation: string | null;
  quote: string | null;
  source_id: string | null;
  claimed_at: Date | null;
  tags: string[];
  priority: Priority;
  status: ClaimStatus;
  assignee_id: string | null;
  assignee_name: string | null;
  due_at: Date | null;
  follow_up_at: Date | null;
  verdict_rating: Rating | null;
  verdict_summary: string | null;
  verdict_proposed_by: string | null;
  verdict_proposed_at: Date | null;
  published_at: Date | null;
  review_url: string | null;
  evidence_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  following?: boolean;
}

export function toClaimRecord(row: ClaimRow): ClaimRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    text: row.text,
    kind: row.kind,
    claimantName: row.claimant_name,
    claimantAffiliation: row.claimant_affiliation,
    quote: row.quote,
    sourceId: row.source_id,
    claimedAt: row.claimed_at,
    tags: row.tags,
    priority: row.priority,
    status: row.status,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    dueAt: row.due_at,
    followUpAt: row.follow_up_at,
    verdictRating: row.verdict_rating,
    verdictSummary: row.verdict_summary,
    verdictProposedBy: row.verdict_proposed_by,
    verdictProposedAt: row.verdict_proposed_at,
    publishedAt: row.published_at,
    reviewUrl: row.review_url,
    evidenceCount: row.evidence_count,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.following === undefined ? {} : { following: row.following }),
  };
}
