import { parentPort } from 'node:worker_threads';
import { matchKeys, matchProbe } from './claim-fingerprint';
import { MatchIndex } from './match-index';
import type { MatchReply, MatchRequest } from './match-thread';

/**
 * The matching thread of an API host (Matcher starts it): the match index of each workspace the
 * host has indexed, and the work on them, off the thread that serves requests. A creation's text
 * is split into words, hashed and matched here while the main thread goes on with other requests.
 */
const indexes = new Map<string, MatchIndex>();

function indexOf(workspaceId: string): MatchIndex {
  let index = indexes.get(workspaceId);
  if (!index) {
    index = new MatchIndex();
    indexes.set(workspaceId, index);
  }
  return index;
}

function handle(request: MatchRequest): MatchReply | null {
  switch (request.op) {
    case 'match': {
      const { words, keys } = matchProbe(request.workspaceId, request.text);
      const index = indexes.get(request.workspaceId);
      const matches = index && words.length > 0 ? index.match(words, keys, request.except, request.limit) : [];
      return { call: request.call, words, matches, size: index?.size ?? 0 };
    }
    case 'index': {
      const index = indexOf(request.workspaceId);
      for (const { id, words, seq } of request.claims) {
        // A claim already there with these words keeps its keys; its seq is still brought up to date.
        const keys = index.holds(id, words) ? NO_KEYS : matchKeys(request.workspaceId, words);
        index.upsert(id, words, keys, seq);
      }
      return request.call === undefined ? null : { call: request.call, size: index.size };
    }
    case 'drop':
      indexes.delete(request.workspaceId);
      return null;
  }
}

/** Never read: MatchIndex.upsert takes no keys for a claim whose words it holds already. */
const NO_KEYS = { strict: [], loose: [] };

/** A message holds requests in the order they were made; the answers go back together, in one. */
parentPort?.on('message', (requests: MatchRequest[]) => {
  const replies: MatchReply[] = [];
  for (const request of requests) {
    try {
      const reply = handle(request);
      if (reply) replies.push(reply);
    } catch (error) {
      if (!('call' in request) || request.call === undefined) throw error; // nobody waits: the thread dies, and Matcher starts another
      replies.push({ call: request.call, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (replies.length > 0) parentPort?.postMessage(replies);
});
