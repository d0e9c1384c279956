import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import { keys } from '../api/query-keys';
import { problemInWords } from '../api/problems';
import { ErrorNote, Field, Loading, SelectField } from '../ui/controls';
import { FormFooter, invalidProps, useFormAction } from '../ui/forms';
import { zoneOptions } from '../ui/time-zones';
import { escalationOptions, trackerAddress, workspaceBody, workspaceForm, type Workspace, type WorkspaceForm } from './workspace';

/** Workspace (docs/desk.md, "Screens"; admins): time zone, digest time, escalation, and the public tracker. */
export function WorkspaceSection() {
  const workspace = useQuery({ queryKey: keys.workspace, queryFn: async () => unwrap(await api.GET('/v1/workspace')) });
  return (
    <section id="workspace" aria-labelledby="workspace-heading" className="section-block">
      <h2 id="workspace-heading">Workspace</h2>
      {workspace.isPending && <Loading what="the workspace" />}
      {workspace.isError && <ErrorNote>The workspace could not be loaded: {problemInWords(workspace.error)}</ErrorNote>}
      {workspace.data && <WorkspaceSettingsForm workspace={workspace.data} />}
    </section>
  );
}

function WorkspaceSettingsForm({ workspace }: { workspace: Workspace }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<WorkspaceForm>(() => workspaceForm(workspace));
  const action = useFormAction();
  const set =
    <K extends keyof WorkspaceForm>(name: K) =>
    (value: WorkspaceForm[K]) =>
      setForm((f) => ({ ...f, [name]: value }));
  const invalid = action.invalid;
  const tracker = trackerAddress(window.location.origin, workspace.slug);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const updated = unwrap(await api.PATCH('/v1/workspace', { body: workspaceBody(form) }));
      queryClient.setQueryData(keys.workspace, updated);
      // The workspace's name is in the header, and its zone is the default of everyone's dates.
      await queryClient.invalidateQueries({ queryKey: keys.me });
      return 'Workspace saved.';
    });
  };

  return (
    <Form onSubmit={onSubmit} className="form-grid">
      <Field label="Name" name="name" value={form.name} onChange={set('name')} isRequired maxLength={200} {...invalidProps(invalid, 'name')} />
      <SelectField
        id="workspace-timezone"
        label="Time zone"
        value={form.timezone}
        onChange={set('timezone')}
        options={zoneOptions(workspace.timezone)}
        description="The desk’s dates and digests, for people who set none of their own."
      />
      <Field
        label="Digest time"
        name="digestAt"
        type="time"
        value={form.digestAt}
        onChange={set('digestAt')}
        isRequired
        description="When each person’s daily digest goes out, in their time zone."
        {...invalidProps(invalid, 'digestAt')}
      />
      <SelectField
        id="workspace-escalation"
        label="Escalation"
        value={form.escalateAfter}
        onChange={set('escalateAfter')}
        options={escalationOptions(workspace.escalateAfter)}
        description="When editors hear of a claim past its due or follow-up date."
      />
      <h3 className="span-2">Public tracker</h3>
      <div className="field field-inline span-2">
        <input id="workspace-tracker" type="checkbox" checked={form.trackerEnabled} onChange={(event) => set('trackerEnabled')(event.target.checked)} />
        <label htmlFor="workspace-tracker">Public tracker on</label>
      </div>
      <p className="span-2 field-description">
        {workspace.tracker.enabled ? (
          <>
            Published promises and fact-checks are public at{' '}
            <a href={tracker} target="_blank" rel="noopener">
              {tracker}
            </a>
            .
          </>
        ) : (
          <>When on, published promises and fact-checks are public at {tracker}, without signing in. Nothing unpublished is ever shown.</>
        )}
      </p>
      <Field
        label="Title"
        name="trackerTitle"
        className="span-2"
        value={form.trackerTitle}
        onChange={set('trackerTitle')}
        maxLength={200}
        description="Empty: the workspace’s name."
        {...invalidProps(invalid, 'tracker.title')}
      />
      <Field
        label="Intro"
        name="trackerIntro"
        className="span-2"
        multiline
        rows={3}
        value={form.trackerIntro}
        onChange={set('trackerIntro')}
        description="A paragraph under the title."
        {...invalidProps(invalid, 'tracker.intro')}
      />
      <Field
        label="Methodology"
        name="trackerMethodology"
        className="span-2"
        multiline
        rows={3}
        value={form.trackerMethodology}
        onChange={set('trackerMethodology')}
        description="How the desk rates, on the tracker’s About page. Empty: the default text."
        {...invalidProps(invalid, 'tracker.methodology')}
      />
      <FormFooter action={action} label="Save workspace" refused="Not saved" className="span-2 stack" />
    </Form>
  );
}
