import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { api, expectOk, idempotencyKey, unwrap, type Schemas } from '../api/client';
import { keys } from '../api/query-keys';
import { ApiProblem } from '../api/client';
import { Button, EmptyState, ErrorNote, Field, Loading, SelectField } from '../ui/controls';
import { ModalDialog } from '../ui/dialog';

type Stance = Schemas['EvidenceView']['stance'];
const STANCE_LABEL: Record<Stance, string> = { supports: 'Supports', refutes: 'Refutes', context: 'Context' };
const STANCES: Stance[] = ['supports', 'refutes', 'context'];

function problemText(problem: unknown): string {
  if (problem instanceof ApiProblem) return problem.errors.length > 0 ? problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : problem.detail;
  return 'The service could not be reached; nothing was changed.';
}

/** The claim's evidence (docs/desk.md, "The claim page"): stance, `Add evidence`, `Remove`; locked while the claim is published. */
export function EvidenceSection({ claimId, locked }: { claimId: string; locked: boolean }) {
  const queryClient = useQueryClient();
  const evidence = useQuery({
    queryKey: keys.claimPart(claimId, 'evidence'),
    queryFn: async () => unwrap(await api.GET('/v1/claims/{id}/evidence', { params: { path: { id: claimId }, query: { limit: 200 } } })),
  });
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.claim(claimId) });

  const remove = async (id: string) => {
    setError('');
    try {
      expectOk(await api.DELETE('/v1/claims/{id}/evidence/{evidenceId}', { params: { path: { id: claimId, evidenceId: id } } }));
      await refresh();
    } catch (problem) {
      setError(problemText(problem));
    }
  };

  return (
    <section aria-labelledby="evidence-heading" className="panel">
      <div className="panel-header">
        <h2 id="evidence-heading">Evidence</h2>
        {!locked && <Button onPress={() => setAdding(true)}>Add evidence</Button>}
      </div>
      {locked && <p className="muted">Evidence is locked while the claim is published: reopen it to add or remove evidence.</p>}
      {evidence.isPending && <Loading what="evidence" />}
      {evidence.isError && <ErrorNote>Evidence could not be loaded: {evidence.error.message}</ErrorNote>}
      {evidence.data && evidence.data.items.length === 0 && <EmptyState>No evidence yet. A verdict needs at least one item: add what you found.</EmptyState>}
      {evidence.data && evidence.data.items.length > 0 && (
        <ul className="plain-list evidence-list">
          {evidence.data.items.map((item) => (
            <li key={item.id}>
              <span className={`chip stance-${item.stance}`}>{STANCE_LABEL[item.stance]}</span> <span id={`evidence-${item.id}`}>{item.description}</span>
              {item.url && (
                <>
                  {' '}
                  <a href={item.url} target="_blank" rel="noreferrer noopener">
                    {new URL(item.url).hostname}
                  </a>
                </>
              )}
              {!locked && (
                // Named exactly `Remove` (docs/desk.md); which evidence it removes is its description.
                <Button variant="quiet" onPress={() => void remove(item.id)} aria-describedby={`evidence-${item.id}`}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote>{error}</ErrorNote>
      {adding && <AddEvidenceDialog claimId={claimId} onClose={() => setAdding(false)} onAdded={refresh} />}
    </section>
  );
}

function AddEvidenceDialog({ claimId, onClose, onAdded }: { claimId: string; onClose: () => void; onAdded: () => Promise<void> }) {
  const [description, setDescription] = useState('');
  const [url, setUrl] = useState('');
  const [stance, setStance] = useState<Stance>('supports');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key] = useState(idempotencyKey);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      unwrap(
        await api.POST('/v1/claims/{id}/evidence', {
          params: { path: { id: claimId }, header: { 'Idempotency-Key': key } },
          body: { description: description.trim(), stance, ...(url.trim() ? { url: url.trim() } : {}) },
        }),
      );
      await onAdded();
      onClose();
    } catch (problem) {
      setError(problemText(problem));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title="Add evidence" isOpen onOpenChange={(open) => !open && onClose()}>
      <Form onSubmit={(event) => void onSubmit(event)} className="stack">
        <Field label="Description" multiline value={description} onChange={setDescription} isRequired autoFocus />
        <Field label="URL" type="url" value={url} onChange={setUrl} description="Optional: where it can be read." />
        <SelectField
          label="Stance"
          value={stance}
          onChange={(value) => setStance(value as Stance)}
          options={STANCES.map((s) => ({ value: s, label: STANCE_LABEL[s] }))}
        />
        <ErrorNote>{error}</ErrorNote>
        <div className="dialog-actions">
          <Button onPress={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" isDisabled={busy}>
            Save evidence
          </Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
