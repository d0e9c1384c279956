import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import type { Claim } from '../api/client';
import { useTimeZone } from '../api/session';
import { Button, ErrorNote, Field, SelectField } from '../ui/controls';
import { ModalDialog } from '../ui/dialog';
import { wallTimeToInstant } from '../ui/format';
import type { TransitionBody } from './claim-api';
import { ratingsFor, type Move } from './moves';
import { refusalInWords } from './refusal';
import { ratingLabel, transitionButton } from './vocabulary';

interface TransitionDialogProps {
  claim: Claim;
  move: Move;
  /** A suggested follow-up date (wall time, YYYY-MM-DDTHH:MM) for `Monitor`. */
  suggestedFollowUp?: string;
  onConfirm: (body: TransitionBody) => Promise<void>;
  onClose: () => void;
}

/**
 * Asks exactly what a step's guards need (docs/desk.md, "The claim page"): `Note` to reject, send back or reopen;
 * `Rating` (only those of the claim's kind) and `Summary` to send to review; `Follow-up date`
 * to monitor; `Review URL`, optional, to publish. The confirming button repeats the action's name.
 */
export function TransitionDialog({ claim, move, suggestedFollowUp, onConfirm, onClose }: TransitionDialogProps) {
  const action = transitionButton(claim.status, move.to);
  const ratings = ratingsFor(claim.kind);
  const timeZone = useTimeZone();
  const [note, setNote] = useState('');
  const [rating, setRating] = useState(claim.verdict?.rating ?? ratings[0] ?? '');
  const [summary, setSummary] = useState(claim.verdict?.summary ?? '');
  const [followUp, setFollowUp] = useState(suggestedFollowUp ?? '');
  const [reviewUrl, setReviewUrl] = useState(claim.reviewUrl ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body: TransitionBody = {};
    if (move.needs.note) body.note = note.trim();
    if (move.needs.verdict) body.verdict = { rating, summary: summary.trim() };
    if (move.needs.followUp) {
      const at = wallTimeToInstant(followUp, timeZone);
      if (!at) {
        setError('Give the follow-up date as a date and time.');
        return;
      }
      body.followUpAt = at.toISOString();
    }
    if (move.needs.reviewUrl && reviewUrl.trim()) body.reviewUrl = reviewUrl.trim();
    setBusy(true);
    setError('');
    try {
      await onConfirm(body);
      onClose();
    } catch (refusal) {
      setError(refusalInWords(refusal));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title={action} isOpen onOpenChange={(open) => !open && onClose()}>
      <p className="dialog-claim">{claim.text}</p>
      <Form onSubmit={(event) => void onSubmit(event)} className="stack">
        {move.needs.verdict && (
          <>
            <SelectField
              label="Rating"
              name="rating"
              value={rating}
              onChange={setRating}
              required
              options={ratings.map((value) => ({ value, label: ratingLabel(value) }))}
            />
            <Field label="Summary" name="summary" multiline value={summary} onChange={setSummary} isRequired />
          </>
        )}
        {move.needs.followUp && (
          <Field
            label="Follow-up date"
            name="followUpAt"
            type="datetime-local"
            step={1}
            value={followUp}
            onChange={setFollowUp}
            isRequired
            description={`When to check again, in ${timeZone} time. A reminder fires then.`}
          />
        )}
        {move.needs.note && (
          <Field label="Note" name="note" multiline value={note} onChange={setNote} isRequired description="Why: it stays in the timeline." />
        )}
        {move.needs.reviewUrl && (
          <Field
            label="Review URL"
            name="reviewUrl"
            type="url"
            value={reviewUrl}
            onChange={setReviewUrl}
            description="Optional: where the fact-check article lives."
          />
        )}
        <ErrorNote>{error}</ErrorNote>
        <div className="dialog-actions">
          <Button onPress={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" isDisabled={busy}>
            {action}
          </Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
