import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, useParams } from 'wouter';
import { ApiProblem, api, expectOk } from '../api/client';
import { Button, ErrorNote, Field } from '../ui/controls';

/** A new password from a reset link (docs/desk.md, "Screens"): `Password`, `Set password`. */
export function ResetPage() {
  const { code = '' } = useParams<{ code: string }>();
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setFieldErrors({});
    try {
      expectOk(await api.POST('/v1/auth/password-resets/{code}', { params: { path: { code } }, body: { password } }));
      setDone(true);
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.status === 404)
        setError('This link has expired or was used already. Ask for a new one from the sign-in page.');
      else if (problem instanceof ApiProblem && problem.errors.length > 0) {
        setFieldErrors(Object.fromEntries(problem.errors.map((e) => [e.field, e.message])));
        setError('Choose another password.');
      } else setError(problem instanceof ApiProblem ? problem.detail : 'The service cannot be reached. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">claimtrack</p>
        <h1>Set a new password</h1>
        {done ? (
          <p role="status">
            Your password is set, and every other session has ended. <Link href="/login">Sign in</Link> with it.
          </p>
        ) : (
          <Form onSubmit={(event) => void onSubmit(event)} className="stack" validationErrors={fieldErrors}>
            <Field
              label="Password"
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              isRequired
              minLength={12}
              description="At least 12 characters; not a common password."
            />
            <ErrorNote>{error}</ErrorNote>
            <Button type="submit" variant="primary" isDisabled={busy}>
              Set password
            </Button>
          </Form>
        )}
      </div>
    </main>
  );
}
