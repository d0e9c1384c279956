import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useIdempotencyKeys } from '../api/idempotency';
import { problemInWords } from '../api/problems';
import { useSignedIn } from '../api/session';
import { Button, ErrorNote } from '../ui/controls';
import { SecretField } from '../ui/CopyButton';
import { ModalDialog } from '../ui/dialog';

/**
 * API tokens (docs/desk.md, "Screens"): a token for scripts and integrations, shown once. A person holds one:
 * a new token replaces the one before, which stops working at once.
 */
export function TokenSection() {
  const me = useSignedIn();
  const keyFor = useIdempotencyKeys();
  const [token, setToken] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // One request per confirmation: a retry after a lost answer gets the same token, a new confirmation a new one.
  const [attempt, setAttempt] = useState(0);

  const create = async () => {
    setBusy(true);
    setError('');
    try {
      const key = keyFor({ user: me.id, attempt });
      setToken(unwrap(await api.POST('/v1/users/{id}/tokens', { params: { path: { id: me.id }, header: { 'Idempotency-Key': key } } })).token);
      setAttempt((n) => n + 1);
      setConfirming(false);
    } catch (problem) {
      setError(`No token was made: ${problemInWords(problem)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="api-tokens" aria-labelledby="tokens-heading" className="section-block">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">
        For scripts and integrations: send it as <code>Authorization: Bearer &lt;token&gt;</code>. You hold one token; a new one replaces the one before.
      </p>
      {token && (
        <div className="stack notice">
          <p>Your new token, shown only now: store it somewhere safe.</p>
          <SecretField label="API token" value={token} copyLabel="Copy token" />
        </div>
      )}
      <div className="form-actions">
        <Button onPress={() => setConfirming(true)}>Create API token</Button>
      </div>
      <ErrorNote>{error}</ErrorNote>
      {confirming && (
        <ModalDialog title="Create API token" isOpen onOpenChange={(open) => !open && setConfirming(false)}>
          <p>Any token you made before stops working at once. Scripts using it need the new one.</p>
          <ErrorNote>{error}</ErrorNote>
          <div className="dialog-actions">
            <Button onPress={() => setConfirming(false)}>Cancel</Button>
            <Button variant="primary" onPress={() => void create()} isDisabled={busy}>
              Create token
            </Button>
          </div>
        </ModalDialog>
      )}
    </section>
  );
}
