import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useLocation, useParams } from 'wouter';
import { api, unwrap } from '../api/client';
import { Field, Loading } from '../ui/controls';
import { FormFooter, invalidProps, useFormAction } from '../ui/forms';
import { useSignedInAs } from '../api/session';

/** Accepting an invitation (docs/desk.md, "Screens"): the workspace and e-mail, a name and a password → on the board. */
export function InvitePage() {
  const { code = '' } = useParams<{ code: string }>();
  const [, navigate] = useLocation();
  const signedInAs = useSignedInAs();
  const invitation = useQuery({
    queryKey: ['invitation', code],
    queryFn: async () => unwrap(await api.GET('/v1/auth/invitations/{code}', { params: { path: { code } } })),
    retry: false,
  });
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const action = useFormAction();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const me = unwrap(
        await api.POST('/v1/auth/invitations/{code}', {
          params: { path: { code } },
          body: { password, name: (name ?? invitation.data?.name)?.trim() || undefined },
        }),
      );
      signedInAs(me);
      navigate('/', { replace: true });
    });
  };

  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">claimtrack</p>
        {invitation.isPending && <Loading what="the invitation" />}
        {invitation.isError && (
          <>
            <h1>This invitation cannot be used</h1>
            <p>It may have expired, been used already, or been replaced by a newer one. Ask an admin of your desk for a new invitation.</p>
          </>
        )}
        {invitation.data && (
          <>
            <h1>Join {invitation.data.workspace.name}</h1>
            <p>
              You are invited as <strong>{invitation.data.email}</strong>. Choose a password of at least 12 characters.
            </p>
            <Form onSubmit={onSubmit} className="stack">
              <Field
                label="Name"
                name="name"
                autoComplete="name"
                value={name ?? invitation.data.name}
                onChange={setName}
                isRequired
                {...invalidProps(action.invalid, 'name')}
              />
              <Field
                label="Password"
                name="password"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={setPassword}
                isRequired
                minLength={12}
                {...invalidProps(action.invalid, 'password')}
              />
              <FormFooter action={action} label="Join" refused="Not joined" />
            </Form>
          </>
        )}
      </div>
    </main>
  );
}
