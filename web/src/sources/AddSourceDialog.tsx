import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useLocation } from 'wouter';
import { api, unwrap, type Schemas } from '../api/client';
import { useIdempotencyKeys } from '../api/idempotency';
import { keys } from '../api/query-keys';
import { fieldErrors, problemInWords } from '../api/problems';
import { useTimeZone } from '../api/session';
import { Button, ErrorNote, Field } from '../ui/controls';
import { ModalDialog } from '../ui/dialog';
import { wallTimeToInstant } from '../ui/format';

/** `Add source` (docs/desk.md, "Screens"): Title, URL, Publisher, Published, Text → `Save source`, then the source's suggestions. */
export function AddSourceDialog({ onClose }: { onClose: () => void }) {
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [form, setForm] = useState({ title: '', url: '', publisher: '', published: '', text: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const keyFor = useIdempotencyKeys();
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));
  const invalid = fieldErrors(error);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Schemas['CreateSourceDto'] = { title: form.title.trim() };
    if (form.url.trim()) body.url = form.url.trim();
    if (form.publisher.trim()) body.publisher = form.publisher.trim();
    if (form.published) {
      const at = wallTimeToInstant(form.published, timeZone);
      if (at) body.publishedAt = at.toISOString();
    }
    if (form.text.trim()) body.text = form.text;
    setBusy(true);
    setError(null);
    try {
      const source = unwrap(await api.POST('/v1/sources', { body, params: { header: { 'Idempotency-Key': keyFor(body) } } }));
      await queryClient.invalidateQueries({ queryKey: keys.sources });
      onClose();
      navigate(`/sources/${source.id}`);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog
      title="Add source"
      isOpen
      onOpenChange={(open) => !open && onClose()}
      description="An article, a transcript or a statement: paste its text and the desk suggests the claims in it worth checking."
    >
      <Form onSubmit={(event) => void onSubmit(event)} className="stack">
        <Field
          label="Title"
          name="title"
          value={form.title}
          onChange={set('title')}
          isRequired
          maxLength={500}
          isInvalid={!!invalid.title}
          errorMessage={invalid.title}
        />
        <Field
          label="URL"
          name="url"
          type="url"
          value={form.url}
          onChange={set('url')}
          placeholder="https://"
          isInvalid={!!invalid.url}
          errorMessage={invalid.url}
        />
        <Field
          label="Publisher"
          name="publisher"
          value={form.publisher}
          onChange={set('publisher')}
          maxLength={200}
          isInvalid={!!invalid.publisher}
          errorMessage={invalid.publisher}
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
        <ErrorNote>{error ? `The source was not saved: ${problemInWords(error)}` : ''}</ErrorNote>
        <div className="dialog-actions">
          <Button onPress={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" isDisabled={busy}>
            Save source
          </Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
