import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useLocation } from 'wouter';
import { api, unwrap, type Schemas } from '../api/client';
import { useIdempotencyKeys } from '../api/idempotency';
import { keys } from '../api/query-keys';
import { problemInWords } from '../api/problems';
import { useTimeZone } from '../api/session';
import { Button, ErrorNote, Field } from '../ui/controls';
import { ModalDialog } from '../ui/dialog';
import { wallTimeToInstant } from '../ui/format';
import { invalidProps, useFormAction } from '../ui/forms';

/** `Add source` (docs/desk.md, "Screens"): Title, URL, Publisher, Published, Text → `Save source`, then the source's suggestions. */
export function AddSourceDialog({ onClose }: { onClose: () => void }) {
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [form, setForm] = useState({ title: '', url: '', publisher: '', published: '', text: '' });
  const action = useFormAction();
  const keyFor = useIdempotencyKeys();
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const body: Schemas['CreateSourceDto'] = { title: form.title.trim() };
      if (form.url.trim()) body.url = form.url.trim();
      if (form.publisher.trim()) body.publisher = form.publisher.trim();
      const published = form.published ? wallTimeToInstant(form.published, timeZone) : null;
      if (published) body.publishedAt = published.toISOString();
      if (form.text.trim()) body.text = form.text;
      const source = unwrap(await api.POST('/v1/sources', { body, params: { header: { 'Idempotency-Key': keyFor(body) } } }));
      await queryClient.invalidateQueries({ queryKey: keys.sources });
      onClose();
      navigate(`/sources/${source.id}`);
    });
  };

  return (
    <ModalDialog
      title="Add source"
      isOpen
      onOpenChange={(open) => !open && onClose()}
      description="An article, a transcript or a statement: paste its text and the desk suggests the claims in it worth checking."
    >
      <Form onSubmit={onSubmit} className="stack">
        <Field label="Title" name="title" value={form.title} onChange={set('title')} isRequired maxLength={500} {...invalidProps(action.invalid, 'title')} />
        <Field label="URL" name="url" type="url" value={form.url} onChange={set('url')} placeholder="https://" {...invalidProps(action.invalid, 'url')} />
        <Field
          label="Publisher"
          name="publisher"
          value={form.publisher}
          onChange={set('publisher')}
          maxLength={200}
          {...invalidProps(action.invalid, 'publisher')}
        />
        <Field
          label="Published"
          name="published"
          type="date"
          value={form.published}
          onChange={set('published')}
          description={`The day it was published (${timeZone}).`}
        />
        <Field
          label="Text"
          name="text"
          multiline
          rows={8}
          value={form.text}
          onChange={set('text')}
          description="The full text; the claims are suggested from it."
        />
        <ErrorNote>{action.error ? `The source was not saved: ${problemInWords(action.error)}` : ''}</ErrorNote>
        <div className="dialog-actions">
          <Button onPress={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" isDisabled={action.busy}>
            Save source
          </Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
