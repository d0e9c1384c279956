import type { Match } from './match-index';

/**
 * What an API host's main thread and its matching thread (match-worker.ts) say to each other.
 * The thread holds the match index of every workspace the host has indexed; the main thread tells
 * it what to index and asks it for matches. A message is a list of requests, and the thread handles
 * them, and the messages, in order: a claim handed over before a question is in the index that
 * answers it. Its answers to one message go back in one.
 */

/** A claim as the index takes it: its id, its word hashes (claims.match_words), the transaction that wrote them. */
export interface IndexedClaim {
  id: string;
  words: number[];
  seq: number;
}

export type MatchRequest =
  /** The claims matching `text`, best first, `except` left out, at most `limit`; answered with the text's words (MatchAnswer). */
  | { op: 'match'; call: number; workspaceId: string; text: string; except: string; limit: number }
  /** Claims to index (their keys are computed there); answered with the workspace's size (IndexAnswer) when `call` is given. */
  | { op: 'index'; call?: number; workspaceId: string; claims: IndexedClaim[] }
  /** The workspace's index is dropped. */
  | { op: 'drop'; workspaceId: string };

export interface MatchAnswer {
  call: number;
  /** The text's word hashes, as claims.match_words keeps them. */
  words: number[];
  matches: Match[];
  /** The claims the workspace's index holds. */
  size: number;
}

export interface IndexAnswer {
  call: number;
  size: number;
}

export interface FailedAnswer {
  call: number;
  error: string;
}

export type MatchReply = MatchAnswer | IndexAnswer | FailedAnswer;
