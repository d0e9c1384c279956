import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useLocation } from 'wouter';
import { api, unwrap } from '../api/client';
import { useIdempotencyKeys } from '../api/idempotency';
import { keys } from '../api/query-keys';
import { useTimeZone } from '../api/session';
import { Field, SelectField } from '../ui/controls';
import { FormFooter, invalidProps, useFormAction } from '../ui/forms';
import { DraftSimilar } from './DraftSimilar';
import { createBody, EMPTY_FORM, type NewClaimForm as FormState } from './new-claim';
import { KIND_LABEL, KINDS, PRIORITIES, PRIORITY_LABEL, type Kind, type Priority } from './vocabulary';

/**
 * `/claims/new` (docs/desk.md, "Screens"): Claim, Kind, Claimant, Affiliation, Quote, Source,
 * Due, Priority, Tags and `Create claim`; the claims already tracked that say nearly the same
 * thing appear beside it as it is typed. A created claim opens at once.
 */
export function NewClaimForm({ sourceId = '' }: { sourceId?: string }) {
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const keyFor = useIdempotencyKeys();
  const [form, setForm] = useState<FormState>({ ...EMPTY_FORM, sourceId });
  const action = useFormAction();
  const sources = useQuery({
    queryKey: [...keys.sources, 'options'],
    queryFn: async () => unwrap(await api.GET('/v1/sources', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
  const set =
    <K extends keyof FormState>(name: K) =>
    (value: FormState[K]) =>
      setForm((f) => ({ ...f, [name]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const body = createBody(form, timeZone);
      const claim = unwrap(await api.POST('/v1/claims', { body, params: { header: { 'Idempotency-Key': keyFor(body) } } }));
      await queryClient.invalidateQueries({ queryKey: keys.claims });
      navigate(`/claims/${claim.id}`);
    });
  };

  const sourceOptions = [
    { value: '', label: 'No source' },
    ...(sources.data?.items ?? []).map((source) => ({ value: source.id, label: source.publisher ? `${source.title} (${source.publisher})` : source.title })),
  ];
  if (form.sourceId && !sourceOptions.some((option) => option.value === form.sourceId))
    sourceOptions.push({ value: form.sourceId, label: 'The source this claim came from' });

  return (
    <Form onSubmit={onSubmit} className="new-claim">
      <div className="new-claim-text">
        <Field
          label="Claim"
          name="text"
          multiline
          rows={3}
          value={form.text}
          onChange={set('text')}
          isRequired
          maxLength={5000}
          description="The assertion to check, in a sentence."
          {...invalidProps(action.invalid, 'text')}
        />
      </div>
      <DraftSimilar text={form.text} />
      <div className="new-claim-rest form-grid">
        <SelectField
          id="new-claim-kind"
          label="Kind"
          name="kind"
          value={form.kind}
          onChange={(value) => set('kind')(value as Kind)}
          options={KINDS.map((kind) => ({ value: kind, label: KIND_LABEL[kind] }))}
          description="A promise is checked later: monitor it with a follow-up date."
        />
        <SelectField
          id="new-claim-priority"
          label="Priority"
          name="priority"
          value={form.priority}
          onChange={(value) => set('priority')(value as Priority)}
          options={PRIORITIES.map((priority) => ({ value: priority, label: PRIORITY_LABEL[priority] }))}
        />
        <Field
          label="Claimant"
          name="claimant"
          value={form.claimant}
          onChange={set('claimant')}
          isRequired
          maxLength={300}
          description="Who made the claim."
          {...invalidProps(action.invalid, 'claimant.name')}
        />
        <Field
          label="Affiliation"
          name="affiliation"
          value={form.affiliation}
          onChange={set('affiliation')}
          maxLength={300}
          description="Their role or organisation, if any."
          {...invalidProps(action.invalid, 'claimant.affiliation')}
        />
        <Field
          label="Quote"
          name="quote"
          multiline
          rows={2}
          className="span-2"
          value={form.quote}
          onChange={set('quote')}
          description="The words as spoken or written."
          {...invalidProps(action.invalid, 'quote')}
        />
        <SelectField id="new-claim-source" label="Source" name="sourceId" value={form.sourceId} onChange={set('sourceId')} options={sourceOptions} />
        <Field
          label="Due"
          name="due"
          type="datetime-local"
          value={form.due}
          onChange={set('due')}
          description={`When the check is due, in ${timeZone} time; a reminder fires then.`}
          {...invalidProps(action.invalid, 'dueAt')}
        />
        <Field
          label="Tags"
          name="tags"
          className="span-2"
          value={form.tags}
          onChange={set('tags')}
          description="Separate tags with commas: haiti, budget."
          {...invalidProps(action.invalid, 'tags')}
        />
        <FormFooter action={action} label="Create claim" refused="The claim was not created" className="span-2 stack" />
      </div>
    </Form>
  );
}
