import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useLocation, useSearch } from 'wouter';
import { ApiProblem, api, expectOk, unwrap } from '../api/client';
import { Button, ErrorNote, Field } from '../ui/controls';
import { nextAddress, useSignedInAs } from '../api/session';

type Mode = 'password' | 'token' | 'forgot';

/** The sign-in screen (docs/desk.md, "Screens"): e-mail and password, the instance admin's token, a forgotten password. */
export function LoginPage() {
  const [mode, setMode] = useState<Mode>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [workspaces, setWorkspaces] = useState<Array<{ id: string; name: string }>>([]);
  const [, navigate] = useLocation();
  const search = useSearch();
  const signedInAs = useSignedInAs();

  const signIn = async (body: { email?: string; password?: string; token?: string; workspaceId?: string }) => {
    setBusy(true);
    setError('');
    try {
      const me = unwrap(await api.POST('/v1/auth/login', { body }));
      signedInAs(me);
      navigate(nextAddress(search), { replace: true });
    } catch (problem) {
      setError(signInError(problem, body.token !== undefined));
      if (problem instanceof ApiProblem && problem.status === 409 && Array.isArray(problem.extra.workspaces)) {
        setWorkspaces(problem.extra.workspaces as Array<{ id: string; name: string }>);
      }
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'password') void signIn({ email, password });
    else if (mode === 'token') void signIn({ token });
    else void requestReset();
  };

  const requestReset = async () => {
    setBusy(true);
    setError('');
    try {
      expectOk(await api.POST('/v1/auth/password-resets', { body: { email } }));
      setNotice(`If ${email} has an account, a link to set a new password is on its way. It works for an hour.`);
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.detail : 'The request could not be sent. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">claimtrack</p>
        <h1>{mode === 'forgot' ? 'Reset your password' : 'Sign in to the desk'}</h1>
        <Form onSubmit={onSubmit} className="stack">
          {mode !== 'token' && <Field label="E-mail" type="email" name="email" autoComplete="username" value={email} onChange={setEmail} isRequired />}
          {mode === 'password' && (
            <Field label="Password" type="password" name="password" autoComplete="current-password" value={password} onChange={setPassword} isRequired />
          )}
          {mode === 'token' && (
            <Field
              label="API token"
              type="password"
              name="token"
              autoComplete="off"
              value={token}
              onChange={setToken}
              isRequired
              description="The instance admin's ADMIN_TOKEN. It is sent once and never kept in this browser."
            />
          )}
          <ErrorNote>{error}</ErrorNote>
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          {workspaces.length > 0 && (
            <div className="stack">
              <p>Which workspace?</p>
              {workspaces.map((workspace) => (
                <Button key={workspace.id} onPress={() => void signIn({ email, password, workspaceId: workspace.id })}>
                  {workspace.name}
                </Button>
              ))}
            </div>
          )}
          <Button type="submit" variant="primary" isDisabled={busy}>
            {mode === 'password' ? 'Sign in' : mode === 'token' ? 'Sign in with token' : 'Send reset link'}
          </Button>
        </Form>
        <div className="auth-links">
          {mode !== 'password' && (
            <Button variant="quiet" onPress={() => switchTo('password')}>
              Sign in with e-mail
            </Button>
          )}
          {mode !== 'token' && (
            <Button variant="quiet" onPress={() => switchTo('token')}>
              Use an API token
            </Button>
          )}
          {mode !== 'forgot' && (
            <Button variant="quiet" onPress={() => switchTo('forgot')}>
              Forgot password?
            </Button>
          )}
        </div>
      </div>
    </main>
  );

  function switchTo(next: Mode) {
    setMode(next);
    setError('');
    setNotice('');
    setWorkspaces([]);
  }
}

function signInError(problem: unknown, withToken: boolean): string {
  if (!(problem instanceof ApiProblem)) return 'The desk cannot reach the service. Check the connection and try again.';
  if (problem.status === 401) return withToken ? 'That token is not valid.' : 'E-mail or password is wrong.';
  if (problem.status === 409) return 'This e-mail and password open several workspaces.';
  if (problem.status === 429) return 'Too many attempts. Wait a few minutes, then try again.';
  return problem.detail;
}
