import { lazy, Suspense, useState } from 'react';
import type { Claim } from '../api/client';
import { useSignedIn } from '../api/session';
import { Button, ErrorNote } from '../ui/controls';
import { sendTransition, useClaimChanged } from './claim-api';
import { asksNothing, movesFor, type Move } from './moves';
import { refusalInWords } from './refusal';
import { transitionButton } from './vocabulary';

const TransitionDialog = lazy(() => import('./TransitionDialog').then((m) => ({ default: m.TransitionDialog })));

/**
 * The claim's lifecycle buttons (docs/desk.md, "The claim page"), only those allowed now, named by what they do. A
 * step that needs more opens its dialog; a step the person may not take is disabled with the
 * reason as its description.
 */
export function LifecycleActions({ claim, suggestedFollowUp }: { claim: Claim; suggestedFollowUp?: string }) {
  const me = useSignedIn();
  const changed = useClaimChanged();
  const [asking, setAsking] = useState<Move | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const moves = movesFor(claim, me);

  const send = async (move: Move, body: Parameters<typeof sendTransition>[2]) => {
    const updated = await sendTransition(claim, move.to, body);
    await changed(updated);
  };

  const onPress = async (move: Move) => {
    setError('');
    // Publishing may take a review URL, so it asks; the others that need nothing go at once.
    if (!asksNothing(move.needs) || move.needs.reviewUrl) {
      setAsking(move);
      return;
    }
    setBusy(true);
    try {
      await send(move, {});
    } catch (refusal) {
      setError(refusalInWords(refusal));
    } finally {
      setBusy(false);
    }
  };

  if (moves.length === 0) return null;
  return (
    <div className="lifecycle">
      <div className="row" role="group" aria-label="Lifecycle">
        {moves.map((move) => {
          const name = transitionButton(claim.status, move.to);
          const reasonId = `reason-${move.to}`;
          return (
            <span key={move.to} className="lifecycle-action">
              <Button
                variant={move.to === 'published' || move.to === 'in_review' ? 'primary' : 'secondary'}
                isDisabled={busy || !!move.blockedBecause}
                aria-describedby={move.blockedBecause ? reasonId : undefined}
                onPress={() => void onPress(move)}
              >
                {name}
              </Button>
              {move.blockedBecause && (
                <span id={reasonId} className="field-description">
                  {move.blockedBecause}
                </span>
              )}
            </span>
          );
        })}
      </div>
      <ErrorNote>{error}</ErrorNote>
      {asking && (
        <Suspense fallback={null}>
          <TransitionDialog
            claim={claim}
            move={asking}
            suggestedFollowUp={suggestedFollowUp}
            onClose={() => setAsking(null)}
            onConfirm={(body) => send(asking, body)}
          />
        </Suspense>
      )}
    </div>
  );
}
