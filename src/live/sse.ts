import type { LiveEvent } from '../events/live-events';

/**
 * The text of the stream (WHATWG HTML, "Server-sent events"). Each frame is written whole, in
 * one write; JSON never holds a raw line break, so `data:` is always one line.
 */

/** What the client is told first: how soon to reconnect, and a comment that flushes the headers out. */
export function openingFrame(retryMs: number): string {
  return `retry: ${retryMs}\n: live events of your workspace\n\n`;
}

/** A comment line: ignored by EventSource, keeps proxies from closing an idle stream. */
export const HEARTBEAT_FRAME = ': keep-alive\n\n';

/** `event:` the type, `id:` the place in the workspace's stream, `data:` `{ type, at, claimId?, data }`. */
export function eventFrame(event: LiveEvent): string {
  const body = event.claimId
    ? { type: event.type, at: event.at, claimId: event.claimId, data: event.data }
    : { type: event.type, at: event.at, data: event.data };
  return `event: ${event.type}\nid: ${event.seq}\ndata: ${JSON.stringify(body)}\n\n`;
}

/**
 * What was missed cannot be sent (too old, or an id this stream never gave): reload. Its `id:`
 * is the stream's present position, so that a reconnection after the reload resumes from here.
 */
export function resetFrame(seq: number, at: Date): string {
  return `event: reset\nid: ${seq}\ndata: ${JSON.stringify({ type: 'reset', at: at.toISOString(), data: {} })}\n\n`;
}

/** A stream position from Last-Event-ID: a whole number, or `invalid` (answered with a reset). */
export function parseLastEventId(raw: string | undefined): number | 'invalid' | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (value === '') return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : 'invalid';
}
