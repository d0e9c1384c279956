import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, useParams } from 'wouter';
import { ApiProblem, api, expectOk } from '../api/client';
import { problemInWords } from '../api/problems';
import { Button, ErrorNote, Field } from '../ui/controls';
import { invalidProps, useFormAction } from '../ui/forms';

/** A new password from a reset link (docs/desk.md, "Screens"): `Password`, `Set password`. */
export function ResetPage() {
  const { code = '' } = useParams<{ code: string }>();
  const [password, setPassword] = useState('');
  const [set, setSet] = useState(false);
  const action = useFormAction();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      expectOk(await api.POST('/v1/auth/password-resets/{code}', { params: { path: { code } }, body: { password } }));
      setSet(true);
    });
  };

  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">claimtrack</p>
        <h1>Set a new password</h1>
        {set ? (
          <p role="status">
            Your password is set, and every other session has ended. <Link href="/login">Sign in</Link> with it.
          </p>
        ) : (
          <Form onSubmit={onSubmit} className="stack">
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
              {...invalidProps(action.invalid, 'password')}
            />
            <ErrorNote>{refusal(action.error)}</ErrorNote>
            <Button type="submit" variant="primary" isDisabled={action.busy}>
              Set password
            </Button>
          </Form>
        )}
      </div>
    </main>
  );
}

/** A spent link, in words that say what to do next; any other refusal as the API words it. */
function refusal(error: unknown): string {
  if (!error) return '';
  if (error instanceof ApiProblem && error.status === 404) return 'This link has expired or was used already. Ask for a new one from the sign-in page.';
  return `Not set: ${problemInWords(error)}`;
}
