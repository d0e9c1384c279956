import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useLocation, useParams } from 'wouter';
import { ApiProblem, api, unwrap } from '../api/client';
import { Button, ErrorNote, Field, Loading } from '../ui/controls';
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
  const [error, setError] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setFieldErrors({});
    try {
      const me = unwrap(
        await api.POST('/v1/auth/invitations/{code}', {
          params: { path: { code } },
          body: { password, name: (name ?? invitation.data?.name)?.trim() || undefined },
        }),
      );
      signedInAs(me);
      navigate('/', { replace: true });
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.errors.length > 0) {
        setFieldErrors(Object.fromEntries(problem.errors.map((e) => [e.field, e.message])));
        setError('Check the highlighted field.');
      } else setError(problem instanceof ApiProblem ? problem.detail : 'The service cannot be reached. Try again.');
    } finally {
      setBusy(false);
    }
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
            <Form onSubmit={(event) => void onSubmit(event)} className="stack" validationErrors={fieldErrors}>
              <Field label="Name" name="name" autoComplete="name" value={name ?? invitation.data.name} onChange={setName} isRequired />
              <Field
                label="Password"
                name="password"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={setPassword}
                isRequired
                minLength={12}
              />
              <ErrorNote>{error}</ErrorNote>
              <Button type="submit" variant="primary" isDisabled={busy}>
                Join
              </Button>
            </Form>
          </>
        )}
      </div>
    </main>
  );
}
