import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import { keys } from '../api/query-keys';
import { useSignedIn, useTimeZone } from '../api/session';
import { Field, SelectField } from '../ui/controls';
import { FormFooter, invalidProps, useFormAction } from '../ui/forms';
import { SESSIONS_KEY } from './SessionsSection';
import { zoneOptions } from '../ui/time-zones';
import { profileBody, profileForm, type ProfileForm } from './profile';

/** Profile (docs/desk.md, "Screens"): name, time zone, the daily digest on or off, and the password. */
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
  const action = useFormAction();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const body = profileBody(form, me);
      if (Object.keys(body).length === 0) return 'Nothing changed.';
      const updated = unwrap(await api.PATCH('/v1/me', { body }));
      queryClient.setQueryData(keys.me, updated);
      setForm(profileForm(updated));
      return 'Profile saved.';
    });
  };

  return (
    <Form onSubmit={onSubmit} className="form-grid">
      <Field
        label="Name"
        name="name"
        value={form.name}
        onChange={(name) => setForm((f) => ({ ...f, name }))}
        isRequired
        maxLength={200}
        {...invalidProps(action.invalid, 'name')}
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
      <FormFooter action={action} label="Save profile" refused="Not saved" className="span-2 stack" />
    </Form>
  );
}

function PasswordForm() {
  const queryClient = useQueryClient();
  const me = useSignedIn();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const action = useFormAction();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      unwrap(await api.PATCH('/v1/me', { body: { password: next, currentPassword: current } }));
      setCurrent('');
      setNext('');
      await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
      return 'Password changed. Your other sessions were signed out.';
    });
  };

  return (
    <Form onSubmit={onSubmit} className="form-grid">
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
        {...invalidProps(action.invalid, 'currentPassword')}
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
        {...invalidProps(action.invalid, 'password')}
      />
      <FormFooter action={action} label="Change password" refused="Not changed" primary={false} className="span-2 stack" />
    </Form>
  );
}
