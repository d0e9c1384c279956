import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Form } from 'react-aria-components';
import { Link } from 'wouter';
import { ApiProblem, api, ifMatch, unwrap, type Claim, type Schemas } from '../api/client';
import { keys } from '../api/query-keys';
import { useTimeZone } from '../api/session';
import { Button, ErrorNote, Field, SelectField } from '../ui/controls';
import { dateTime, dueInWords, instantToWallTime, wallTimeToInstant } from '../ui/format';
import { useClaimChanged } from './claim-api';
import { refusalInWords } from './refusal';
import { KIND_LABEL, PRIORITIES, PRIORITY_LABEL, ratingLabel, STATUS_LABEL } from './vocabulary';

type Editable = 'text' | 'claimant' | 'quote' | 'tags' | 'priority' | 'assignee' | 'due date';

interface Draft {
  field: Editable;
  /** The claim as it was when editing began: its version goes in If-Match. */
  base: Claim;
  value: string;
  extra: string;
}

function initialDraft(field: Editable, claim: Claim, timeZone: string): Draft {
  const value: Record<Editable, string> = {
    text: claim.text,
    claimant: claim.claimant.name,
    quote: claim.quote ?? '',
    tags: claim.tags.join(', '),
    priority: claim.priority,
    assignee: claim.assignee?.id ?? '',
    'due date': claim.dueAt ? instantToWallTime(new Date(claim.dueAt), timeZone) : '',
  };
  return { field, base: claim, value: value[field], extra: field === 'claimant' ? (claim.claimant.affiliation ?? '') : '' };
}

function patchOf(draft: Draft, timeZone: string): Schemas['UpdateClaimDto'] {
  switch (draft.field) {
    case 'text':
      return { text: draft.value.trim() };
    case 'claimant':
      return { claimant: { name: draft.value.trim(), ...(draft.extra.trim() ? { affiliation: draft.extra.trim() } : {}) } };
    case 'quote':
      return { quote: draft.value.trim() || null };
    case 'tags':
      return {
        tags: draft.value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      };
    case 'priority':
      return { priority: draft.value as Claim['priority'] };
    case 'assignee':
      return { assigneeId: draft.value || null };
    case 'due date': {
      const at = draft.value ? wallTimeToInstant(draft.value, timeZone) : null;
      return { dueAt: at ? at.toISOString() : null };
    }
  }
}

/** What changed between the claim an edit began from and the claim now, in words. */
export function changesBetween(before: Claim, now: Claim): string[] {
  const changes: string[] = [];
  if (before.text !== now.text) changes.push(`text is now “${now.text}”`);
  if (before.claimant.name !== now.claimant.name || before.claimant.affiliation !== now.claimant.affiliation)
    changes.push(`claimant is now ${now.claimant.name}${now.claimant.affiliation ? ` (${now.claimant.affiliation})` : ''}`);
  if (before.quote !== now.quote) changes.push(now.quote ? `quote is now “${now.quote}”` : 'quote was removed');
  if (before.tags.join() !== now.tags.join()) changes.push(`tags are now ${now.tags.join(', ') || 'none'}`);
  if (before.priority !== now.priority) changes.push(`priority is now ${PRIORITY_LABEL[now.priority]}`);
  if ((before.assignee?.id ?? null) !== (now.assignee?.id ?? null)) changes.push(`assignee is now ${now.assignee?.name ?? 'nobody'}`);
  if (before.dueAt !== now.dueAt) changes.push(now.dueAt ? `due date changed` : 'due date was removed');
  if (before.status !== now.status) changes.push(`status is now ${STATUS_LABEL[now.status]}`);
  return changes;
}

/**
 * The claim's fields, each editable in place where the API allows (docs/desk.md, "The claim page"): `Edit <field>` →
 * the field → `Save` / `Cancel`. A save carries the ETag the page had when editing began; a
 * claim changed meanwhile is refused (412) and the page offers `Reload` and says what changed.
 * A live update refreshes what is shown, never the field being edited.
 */
export function ClaimFields({ claim, sourceTitle }: { claim: Claim; sourceTitle?: string }) {
  const timeZone = useTimeZone();
  const changed = useClaimChanged();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState('');
  const [conflict, setConflict] = useState<{ latest: Claim; changes: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const users = useQuery({
    queryKey: keys.users,
    queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { limit: 200 } } })),
    staleTime: 5 * 60_000,
  });

  const begin = (field: Editable) => {
    setDraft(initialDraft(field, claim, timeZone));
    setError('');
    setConflict(null);
  };
  const cancel = () => {
    setDraft(null);
    setError('');
    setConflict(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError('');
    try {
      const updated = unwrap(
        await api.PATCH('/v1/claims/{id}', {
          params: { path: { id: claim.id }, header: { 'If-Match': ifMatch(draft.base) } },
          body: patchOf(draft, timeZone),
        }),
      );
      setDraft(null);
      await changed(updated);
    } catch (refusal) {
      if (refusal instanceof ApiProblem && refusal.code === 'PRECONDITION_FAILED') {
        const latest = unwrap(await api.GET('/v1/claims/{id}', { params: { path: { id: claim.id } } }));
        setConflict({ latest, changes: changesBetween(draft.base, latest) });
      } else setError(refusalInWords(refusal));
    } finally {
      setBusy(false);
    }
  };

  /** Reload: the latest claim becomes the base; what the person typed stays for them to save again. */
  const reload = async () => {
    if (!conflict || !draft) return;
    setDraft({ ...draft, base: conflict.latest });
    setConflict(null);
    await changed(conflict.latest);
  };

  const editor = (field: Editable, input: ReactNode) =>
    draft?.field === field ? (
      <Form onSubmit={(event) => void save(event)} className="inline-edit">
        {input}
        {conflict && (
          <div className="conflict" role="alert">
            <p>
              <strong>This claim was changed by someone else</strong> while you were editing, so your change was not saved.
            </p>
            {conflict.changes.length > 0 && (
              <ul>
                {conflict.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            )}
            <p>Reload to see the latest version; what you typed stays here to save again.</p>
            <Button onPress={() => void reload()}>Reload</Button>
          </div>
        )}
        <ErrorNote>{error}</ErrorNote>
        <div className="row">
          <Button type="submit" variant="primary" isDisabled={busy}>
            Save
          </Button>
          <Button onPress={cancel}>Cancel</Button>
        </div>
      </Form>
    ) : null;

  const row = (label: string, field: Editable | null, shown: ReactNode, input?: ReactNode) => {
    const editing = field && draft?.field === field;
    return (
      <div className="fact">
        <dt>{label}</dt>
        <dd>
          {editing ? (
            editor(field, input)
          ) : (
            <>
              <span className="fact-value">{shown}</span>
              {field && (
                <Button variant="quiet" className="edit-button" onPress={() => begin(field)} isDisabled={!!draft}>
                  Edit {field}
                </Button>
              )}
            </>
          )}
        </dd>
      </div>
    );
  };

  const set = (value: string) => setDraft((d) => d && { ...d, value });
  const due = claim.dueAt ? dueInWords(claim.dueAt, new Date(), timeZone) : null;

  return (
    <section aria-labelledby="claim-facts" className="panel">
      <h2 id="claim-facts" className="visually-hidden">
        Details
      </h2>
      {draft?.field === 'text' && (
        <div className="fact fact-wide">{editor('text', <Field label="Text" multiline value={draft.value} onChange={set} isRequired autoFocus />)}</div>
      )}
      {!draft && (
        <Button variant="quiet" onPress={() => begin('text')} className="edit-button">
          Edit text
        </Button>
      )}
      <dl className="facts">
        {row('Status', null, <span className={`status status-${claim.status}`}>{STATUS_LABEL[claim.status]}</span>)}
        {row('Kind', null, KIND_LABEL[claim.kind])}
        {row(
          'Claimant',
          'claimant',
          <>
            {claim.claimant.name}
            {claim.claimant.affiliation && <span className="muted"> · {claim.claimant.affiliation}</span>}
          </>,
          draft && (
            <>
              <Field label="Claimant" value={draft.value} onChange={set} isRequired autoFocus />
              <Field label="Affiliation" value={draft.extra} onChange={(extra) => setDraft((d) => d && { ...d, extra })} />
            </>
          ),
        )}
        {row(
          'Quote',
          'quote',
          claim.quote ? <q>{claim.quote}</q> : <span className="muted">No quote</span>,
          draft && <Field label="Quote" multiline value={draft.value} onChange={set} autoFocus />,
        )}
        {row(
          'Source',
          null,
          claim.sourceId ? <Link href={`/sources/${claim.sourceId}`}>{sourceTitle ?? 'Open the source'}</Link> : <span className="muted">No source</span>,
        )}
        {row(
          'Tags',
          'tags',
          claim.tags.length > 0 ? (
            claim.tags.map((tag) => (
              <span key={tag} className="chip">
                {tag}
              </span>
            ))
          ) : (
            <span className="muted">No tags</span>
          ),
          draft && <Field label="Tags" value={draft.value} onChange={set} description="Separated by commas." autoFocus />,
        )}
        {row(
          'Priority',
          'priority',
          PRIORITY_LABEL[claim.priority],
          draft && (
            <SelectField label="Priority" value={draft.value} onChange={set} options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))} />
          ),
        )}
        {row(
          'Assignee',
          'assignee',
          claim.assignee?.name ?? <span className="muted">Nobody</span>,
          draft && (
            <SelectField
              label="Assignee"
              value={draft.value}
              onChange={set}
              options={[{ value: '', label: 'Nobody' }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))]}
            />
          ),
        )}
        {row(
          'Due date',
          'due date',
          claim.dueAt ? (
            <>
              {dateTime(claim.dueAt, timeZone)} <span className={due?.overdue ? 'due-overdue' : 'muted'}>({due?.text})</span>
            </>
          ) : (
            <span className="muted">None</span>
          ),
          draft && (
            <Field label="Due date" type="datetime-local" value={draft.value} onChange={set} description={`In ${timeZone} time; empty removes it.`} autoFocus />
          ),
        )}
        {row('Follow-up date', null, claim.followUpAt ? dateTime(claim.followUpAt, timeZone) : <span className="muted">None</span>)}
        {claim.verdict &&
          row(
            'Verdict',
            null,
            <>
              <strong>{ratingLabel(claim.verdict.rating)}</strong> — {claim.verdict.summary}
            </>,
          )}
      </dl>
    </section>
  );
}
