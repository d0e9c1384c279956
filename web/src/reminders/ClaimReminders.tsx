import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { ApiProblem, api, expectOk, idempotencyKey, unwrap, type Schemas } from '../api/client';
import { keys } from '../api/query-keys';
import { useSignedIn, useTimeZone } from '../api/session';
import { Button, EmptyState, ErrorNote, Field, Loading, SelectField } from '../ui/controls';
import { ModalDialog } from '../ui/dialog';
import { dateTime, relativeTime, wallTimeToInstant } from '../ui/format';
import { kindWord, untilAfterNextFiring } from './agenda';

type Reminder = Schemas['ReminderView'];

/** The quick choices of `Add reminder` (docs/desk.md, "The claim page"), as the API's `in` durations. */
export const QUICK_CHOICES = [
  { id: 'P1D', label: 'In 1 day' },
  { id: 'P7D', label: 'In 1 week' },
  { id: 'P1M', label: 'In 1 month' },
  { id: 'at', label: 'At a date and time' },
] as const;

export const REPEATS = [
  { value: '', label: 'Does not repeat' },
  { value: 'P1W', label: 'every week' },
  { value: 'P1M', label: 'every month' },
] as const;

const STATUS_WORDS: Record<Reminder['status'], string> = { scheduled: 'Scheduled', done: 'Done', cancelled: 'Cancelled' };

/** The body of POST /v1/claims/:id/reminders for what the form says; null when a time is missing. */
export function reminderBody(
  form: { message: string; when: string; at: string; repeat: string; until: string },
  timeZone: string,
): Schemas['CreateReminderDto'] | null {
  const body: Schemas['CreateReminderDto'] = { message: form.message.trim() };
  if (form.when === 'at') {
    const at = wallTimeToInstant(form.at, timeZone);
    if (!at) return null;
    body.at = at.toISOString();
  } else body.in = form.when;
  if (form.repeat) {
    body.every = form.repeat;
    if (form.until) {
      const until = wallTimeToInstant(form.until, timeZone);
      if (!until) return null;
      body.until = until.toISOString();
    }
  }
  return body;
}

/** A claim's reminders (docs/desk.md, "The claim page"): next time and status, `Add reminder`, cancel; deliveries for admins. */
export function ClaimReminders({ claimId }: { claimId: string }) {
  const timeZone = useTimeZone();
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const reminders = useQuery({
    queryKey: keys.claimPart(claimId, 'reminders'),
    queryFn: async () => unwrap(await api.GET('/v1/claims/{id}/reminders', { params: { path: { id: claimId }, query: { limit: 200 } } })),
    // No live event says a reminder fired: read them again just after the next one is due.
    refetchInterval: (query) => untilAfterNextFiring(query.state.data?.items ?? [], Date.now()),
  });
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState('');
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: keys.claim(claimId) });
    await queryClient.invalidateQueries({ queryKey: keys.reminders });
  };

  const cancel = async (reminder: Reminder) => {
    setError('');
    try {
      expectOk(await api.DELETE('/v1/reminders/{id}', { params: { path: { id: reminder.id } } }));
      await refresh();
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.detail : 'The service could not be reached; nothing was changed.');
    }
  };

  const items = reminders.data?.items ?? [];
  return (
    <section aria-labelledby="reminders-heading" className="panel">
      <div className="panel-header">
        <h2 id="reminders-heading">Reminders</h2>
        <Button onPress={() => setAdding(true)}>Add reminder</Button>
      </div>
      {reminders.isPending && <Loading what="reminders" />}
      {reminders.isError && <ErrorNote>Reminders could not be loaded: {reminders.error.message}</ErrorNote>}
      {reminders.data && items.length === 0 && <EmptyState>No reminders. Add one to bring this claim back at the right time.</EmptyState>}
      {items.length > 0 && (
        <ul className="plain-list reminder-list">
          {items.map((reminder) => (
            <li key={reminder.id}>
              <span className="reminder-message">
                <span className="chip">{kindWord(reminder.kind)}</span> {reminder.message}
              </span>
              <span className="muted">
                {STATUS_WORDS[reminder.status]}
                {reminder.status === 'scheduled' && (
                  <>
                    {' '}
                    · next <time dateTime={reminder.dueAt}>{dateTime(reminder.dueAt, timeZone)}</time> ({relativeTime(reminder.dueAt, new Date())})
                  </>
                )}
                {reminder.every && ` · repeats ${REPEATS.find((r) => r.value === reminder.every)?.label ?? `every ${reminder.every}`}`}
                {reminder.firedCount > 0 && ` · fired ${reminder.firedCount}×`}
              </span>
              {reminder.status === 'scheduled' && (
                <Button variant="quiet" onPress={() => void cancel(reminder)} aria-label={`Cancel reminder: ${reminder.message.slice(0, 80)}`}>
                  Cancel reminder
                </Button>
              )}
              {me.role === 'admin' && <Deliveries reminderId={reminder.id} />}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote>{error}</ErrorNote>
      {adding && <AddReminderDialog claimId={claimId} onClose={() => setAdding(false)} onAdded={refresh} />}
    </section>
  );
}

function Deliveries({ reminderId }: { reminderId: string }) {
  const [open, setOpen] = useState(false);
  const deliveries = useQuery({
    queryKey: [...keys.reminders, reminderId, 'deliveries'],
    queryFn: async () => unwrap(await api.GET('/v1/reminders/{id}/deliveries', { params: { path: { id: reminderId } } })),
    enabled: open,
  });
  return (
    <div className="deliveries">
      <Button variant="quiet" aria-expanded={open} onPress={() => setOpen(!open)}>
        {open ? 'Hide deliveries' : 'Deliveries'}
      </Button>
      {open && deliveries.data && deliveries.data.items.length === 0 && <EmptyState>Nothing delivered yet.</EmptyState>}
      {open && deliveries.data && deliveries.data.items.length > 0 && (
        <ul className="plain-list">
          {deliveries.data.items.map((d) => (
            <li key={d.id}>
              {d.channel} · {d.status}
              {d.lastError ? ` · ${d.lastError}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AddReminderDialog({ claimId, onClose, onAdded }: { claimId: string; onClose: () => void; onAdded: () => Promise<void> }) {
  const timeZone = useTimeZone();
  const [form, setForm] = useState({ message: '', when: 'P1D', at: '', repeat: '', until: '' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key] = useState(idempotencyKey);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = reminderBody(form, timeZone);
    if (!body) {
      setError('Give the date and time.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      unwrap(await api.POST('/v1/claims/{id}/reminders', { params: { path: { id: claimId }, header: { 'Idempotency-Key': key } }, body }));
      await onAdded();
      onClose();
    } catch (problem) {
      setError(
        problem instanceof ApiProblem
          ? problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ') || problem.detail
          : 'The service could not be reached; nothing was changed.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title="Add reminder" isOpen onOpenChange={(open) => !open && onClose()}>
      <Form onSubmit={(event) => void onSubmit(event)} className="stack">
        <Field label="Message" value={form.message} onChange={(message) => set({ message })} isRequired autoFocus />
        <fieldset className="choices">
          <legend>When</legend>
          {QUICK_CHOICES.map((choice) => (
            <label key={choice.id} className="choice">
              <input type="radio" name="when" value={choice.id} checked={form.when === choice.id} onChange={() => set({ when: choice.id })} />
              {choice.label}
            </label>
          ))}
        </fieldset>
        {form.when === 'at' && (
          <Field
            label="Date and time"
            type="datetime-local"
            step={1}
            value={form.at}
            onChange={(at) => set({ at })}
            isRequired
            description={`In ${timeZone} time.`}
          />
        )}
        <SelectField label="Repeat" value={form.repeat} onChange={(repeat) => set({ repeat })} options={REPEATS} />
        {form.repeat && (
          <Field label="Until" type="date" value={form.until} onChange={(until) => set({ until })} description="Optional: the last day it repeats." />
        )}
        <ErrorNote>{error}</ErrorNote>
        <div className="dialog-actions">
          <Button onPress={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" isDisabled={busy}>
            Save reminder
          </Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
