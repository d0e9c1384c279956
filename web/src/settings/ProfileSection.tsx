import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import { keys } from '../api/query-keys';
import { fieldErrors, problemInWords } from '../api/problems';
import { useSignedIn, useTimeZone } from '../api/session';
import { Button, ErrorNote, Field, SelectField } from '../ui/controls';
import { SESSIONS_KEY } from './SessionsSection';
import { profileBody, profileForm, zoneOptions, type ProfileForm } from './settings';

/** Profile (desk.md): name, time zone, the daily digest on or off, and the password. */
export function ProfileSection() {
  return (
    <section id="profile" aria-labelledby="profile-heading" className="section-block">
      <h2 id="profile-heading">Profile</h2>
      <ProfileForm />
      <h3>Password</h3>
      <PasswordForm />
    </section>
  );
}

function ProfileForm() {
  const me = useSignedIn();
  const zone = useTimeZone();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ProfileForm>(() => profileForm(me));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const invalid = fieldErrors(error);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = profileBody(form, me);
    setError(null);
    setSaved('');
    if (Object.keys(body).length === 0) {
      setSaved('Nothing changed.');
      return;
    }
    setBusy(true);
    try {
      const updated = unwrap(await api.PATCH('/v1/me', { body }));
      queryClient.setQueryData(keys.me, updated);
      setForm(profileForm(updated));
      setSaved('Profile saved.');
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form onSubmit={(event) => void onSubmit(event)} className="form-grid">
      <Field
        label="Name"
        name="name"
        value={form.name}
        onChange={(name) => setForm((f) => ({ ...f, name }))}
        isRequired
        maxLength={200}
        isInvalid={!!invalid.name}
        errorMessage={invalid.name}
      />
      <SelectField
        id="profile-timezone"
        label="Time zone"
        value={form.timezone}
        onChange={(timezone) => setForm((f) => ({ ...f, timezone }))}
        options={[{ value: '', label: `The workspace’s${me.timezone ? '' : ` (${zone})`}` }, ...zoneOptions(me.timezone)]}
        description="Dates and times on the desk, and your digest, follow it."
      />
      <div className="field field-inline span-2">
        <input id="profile-digest" type="checkbox" checked={form.digest} onChange={(event) => setForm((f) => ({ ...f, digest: event.target.checked }))} />
        <label htmlFor="profile-digest">Send me the daily digest</label>
      </div>
      <div className="span-2 stack">
        <ErrorNote>{error ? `Not saved: ${problemInWords(error)}` : ''}</ErrorNote>
        <div className="form-actions">
          <Button type="submit" variant="primary" isDisabled={busy}>
            Save profile
          </Button>
          <span role="status" className="muted">
            {saved}
          </span>
        </div>
      </div>
    </Form>
  );
}

function PasswordForm() {
  const queryClient = useQueryClient();
  const me = useSignedIn();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const invalid = fieldErrors(error);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved('');
    try {
      unwrap(await api.PATCH('/v1/me', { body: { password: next, currentPassword: current } }));
      setCurrent('');
      setNext('');
      setSaved('Password changed. Your other sessions were signed out.');
      await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form onSubmit={(event) => void onSubmit(event)} className="form-grid">
      {/* Lets password managers tie the new password to this account. */}
      <input type="text" name="username" autoComplete="username" value={me.email} readOnly hidden />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
        isRequired
        isInvalid={!!invalid.currentPassword}
        errorMessage={invalid.currentPassword}
      />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={setNext}
        isRequired
        minLength={12}
        maxLength={128}
        description="12 to 128 characters, not a common one. Your other sessions end."
        isInvalid={!!invalid.password}
        errorMessage={invalid.password}
      />
      <div className="span-2 stack">
        <ErrorNote>{error ? `Not changed: ${problemInWords(error)}` : ''}</ErrorNote>
        <div className="form-actions">
          <Button type="submit" isDisabled={busy}>
            Change password
          </Button>
          <span role="status" className="muted">
            {saved}
          </span>
        </div>
      </div>
    </Form>
  );
}
