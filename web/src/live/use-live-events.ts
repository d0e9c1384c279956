import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keysToInvalidate, type LiveMessage } from './event-keys';

/** The event types of GET /v1/events (src/events/live-events.ts), plus the stream's `reset`. */
const EVENT_TYPES = [
  'claim.created',
  'claim.updated',
  'claim.transitioned',
  'evidence.added',
  'evidence.removed',
  'reminder.scheduled',
  'reminder.cancelled',
  'comment.added',
  'comment.deleted',
  'notification.created',
  'reset',
] as const;

export type LiveState = 'connecting' | 'open' | 'closed';

/**
 * Opens the workspace's live stream (the session cookie is its credential) while a person is
 * signed in, and invalidates the cached queries each event touches. EventSource reconnects by
 * itself and sends Last-Event-ID, so the server replays what was missed.
 */
export function useLiveEvents(enabled: boolean): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/v1/events', { withCredentials: true });
    const onMessage = (event: MessageEvent<string>) => {
      let message: LiveMessage = { type: event.type, at: new Date().toISOString() };
      try {
        message = { ...(JSON.parse(event.data) as LiveMessage), type: event.type };
      } catch {
        // A `reset` may carry no JSON: it needs none.
      }
      for (const queryKey of keysToInvalidate(message)) void queryClient.invalidateQueries({ queryKey });
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, onMessage);
    source.onopen = () => setState('open');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    return () => source.close();
  }, [enabled, queryClient]);
  return state;
}
