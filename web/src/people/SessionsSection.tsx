import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, expectOk, unwrap } from '../api/client';
import { problemInWords } from '../api/problems';
import { useTimeZone } from '../api/session';
import { Button, ErrorNote, Loading } from '../ui/controls';
import { dateTime, relativeTime } from '../ui/format';
import { browserOf } from './profile';

export const SESSIONS_KEY = ['sessions'] as const;

/** Sessions (docs/desk.md, "Screens"): where the person is signed in; `Revoke` ends one at once. */
export function SessionsSection() {
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [error, setError] = useState('');
  const sessions = useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: async () => unwrap(await api.GET('/v1/me/sessions', { params: { query: { limit: 200 } } })),
  });
  const revoke = async (id: string) => {
    setError('');
    try {
      expectOk(await api.DELETE('/v1/me/sessions/{id}', { params: { path: { id } } }));
    } catch (problem) {
      setError(`Not revoked: ${problemInWords(problem)}`);
    }
    await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
  };
  const now = new Date();
  return (
    <section id="sessions" aria-labelledby="sessions-heading" className="section-block">
      <h2 id="sessions-heading">Sessions</h2>
      <p className="muted">Where you are signed in to the desk. Revoke a session you do not recognise: it ends at once.</p>
      <ErrorNote>{error}</ErrorNote>
      {sessions.isPending && <Loading what="sessions" />}
      {sessions.isError && <ErrorNote>The sessions could not be loaded: {problemInWords(sessions.error)}</ErrorNote>}
      {sessions.data && (
        <ul className="rows" aria-label="Sessions">
          {sessions.data.items.map((session) => (
            <li key={session.id} className="row-item">
              <div className="row-split">
                <div className="stack-tight">
                  <span className="row-title" id={`session-${session.id}`}>
                    {browserOf(session.userAgent)}
                    {session.current && ' — this browser'}
                  </span>
                  <span className="row-meta">
                    <span title={dateTime(session.lastSeenAt, timeZone)}>Last used {relativeTime(session.lastSeenAt, now)}</span>
                    <span>Signed in {dateTime(session.createdAt, timeZone)}</span>
                  </span>
                </div>
                {!session.current && (
                  <Button variant="danger" aria-describedby={`session-${session.id}`} onPress={() => void revoke(session.id)}>
                    Revoke
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
