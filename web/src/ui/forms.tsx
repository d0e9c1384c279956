import { useCallback, useState } from 'react';
import { fieldErrors, problemInWords } from '../api/problems';
import { Button, ErrorNote } from './controls';

/**
 * What a form's submission is doing: busy while it runs, the refusal if any (its fields for
 * the inputs, its words for the note), and what to tell once it is done.
 */
export function useFormAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  /** Runs `action`; what it answers (a sentence) is said once it succeeds. */
  const run = useCallback(async (action: () => Promise<string | void>) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      setDone((await action()) ?? '');
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, done, run, invalid: fieldErrors(error) };
}

/**
 * The React Aria props that mark a field refused by the API, with the API's message. The mark
 * is for people and screen readers only (`aria`): as a native validity it would stop the
 * browser from sending the form again once the person has corrected the field.
 */
export function invalidProps(invalid: Record<string, string>, field: string): { isInvalid: boolean; errorMessage?: string; validationBehavior?: 'aria' } {
  return invalid[field] ? { isInvalid: true, errorMessage: invalid[field], validationBehavior: 'aria' } : { isInvalid: false };
}

interface FormFooterProps {
  action: { busy: boolean; error: unknown; done: string };
  /** The submit button's name. */
  label: string;
  /** How a refusal begins: `Not saved`. */
  refused: string;
  primary?: boolean;
  className?: string;
}

/** A form's last row: the refusal in words, the submit button, and what was done. */
export function FormFooter({ action, label, refused, primary = true, className = 'stack' }: FormFooterProps) {
  return (
    <div className={className}>
      <ErrorNote>{action.error ? `${refused}: ${problemInWords(action.error)}` : ''}</ErrorNote>
      <div className="form-actions">
        <Button type="submit" variant={primary ? 'primary' : 'secondary'} isDisabled={action.busy}>
          {label}
        </Button>
        <span role="status" className="muted">
          {action.done}
        </span>
      </div>
    </div>
  );
}
