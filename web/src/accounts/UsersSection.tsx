import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { api, unwrap, type Schemas } from '../api/client';
import { useIdempotencyKeys } from '../api/idempotency';
import { keys } from '../api/query-keys';
import { problemInWords } from '../api/problems';
import { useSignedIn, useTimeZone } from '../api/session';
import { Button, ErrorNote, Field, Loading, SelectField } from '../ui/controls';
import { SecretField } from '../ui/CopyButton';
import { dateTime } from '../ui/format';
import { FormFooter, invalidProps, useFormAction } from '../ui/forms';
import { LoadMore } from '../ui/lists';

type User = Schemas['UserView'];
type Role = User['role'];

const ROLES: ReadonlyArray<{ value: Role; label: string }> = [
  { value: 'checker', label: 'Checker' },
  { value: 'editor', label: 'Editor' },
  { value: 'admin', label: 'Admin' },
];

interface Invitation {
  name: string;
  email: string;
  url: string;
  expiresAt: string;
}

/**
 * Users (docs/desk.md, "Screens"; admins): invite people (a one-time link, with `Copy invitation link`), change
 * roles, deactivate and reactivate. The last invitation made is the one shown.
 */
export function UsersSection() {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [error, setError] = useState('');
  const users = useInfiniteQuery({
    queryKey: [...keys.users, 'admin'],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/v1/users', { params: { query: { limit: 200, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.users });

  const invite = async (user: Pick<User, 'id' | 'name' | 'email'>) => {
    const made = unwrap(await api.POST('/v1/users/{id}/invitations', { params: { path: { id: user.id } } }));
    setInvitation({ name: user.name, email: user.email, url: made.url, expiresAt: made.expiresAt });
  };

  const change = async (user: User, body: Schemas['UpdateUserDto'], what: string) => {
    setError('');
    try {
      unwrap(await api.PATCH('/v1/users/{id}', { params: { path: { id: user.id } }, body }));
    } catch (problem) {
      setError(`${user.name} was not ${what}: ${problemInWords(problem)}`);
    }
    await refresh();
  };

  const list = users.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section id="users" aria-labelledby="users-heading" className="section-block">
      <h2 id="users-heading">Users</h2>
      <h3>Invite someone</h3>
      <InviteForm
        onInvited={async (user) => {
          await invite(user);
          await refresh();
        }}
      />
      {invitation && <InvitationLink invitation={invitation} />}
      <ErrorNote>{error}</ErrorNote>
      {users.isPending && <Loading what="users" />}
      {users.isError && <ErrorNote>The users could not be loaded: {problemInWords(users.error)}</ErrorNote>}
      {list.length > 0 && <h3>People of this desk</h3>}
      {list.length > 0 && (
        <ul className="rows" aria-label="Users">
          {list.map((user) => (
            <li key={user.id} className="row-item">
              <div className="row-split">
                <div className="stack-tight">
                  <span className="row-title" id={`user-${user.id}`}>
                    {user.name}
                    {user.id === me.id && ' (you)'}
                  </span>
                  <span className="row-meta">
                    <span>{user.email}</span>
                    <span>{user.active ? 'Active' : 'Deactivated'}</span>
                  </span>
                </div>
                <div className="row-actions">
                  <div className="field field-inline">
                    <label htmlFor={`role-${user.id}`}>
                      Role<span className="visually-hidden"> of {user.name}</span>
                    </label>
                    <select
                      id={`role-${user.id}`}
                      value={user.role}
                      disabled={user.id === me.id}
                      onChange={(event) => void change(user, { role: event.target.value as Role }, 'changed')}
                    >
                      {ROLES.map((role) => (
                        <option key={role.value} value={role.value}>
                          {role.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  {user.id !== me.id && (
                    <>
                      <Button
                        aria-describedby={`user-${user.id}`}
                        onPress={() => void invite(user).catch((problem: unknown) => setError(`No invitation for ${user.name}: ${problemInWords(problem)}`))}
                      >
                        New invitation link
                      </Button>
                      {user.active ? (
                        <Button variant="danger" aria-describedby={`user-${user.id}`} onPress={() => void change(user, { active: false }, 'deactivated')}>
                          Deactivate
                        </Button>
                      ) : (
                        <Button aria-describedby={`user-${user.id}`} onPress={() => void change(user, { active: true }, 'reactivated')}>
                          Reactivate
                        </Button>
                      )}
                    </>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={users} what="users" />
    </section>
  );
}

/** The invitation just made: its link, once, to send by whatever means the desk uses. */
function InvitationLink({ invitation }: { invitation: Invitation }) {
  const timeZone = useTimeZone();
  return (
    <div className="notice stack" role="status">
      <p>
        Invitation for {invitation.name} ({invitation.email}), valid until {dateTime(invitation.expiresAt, timeZone)}. Send them this link: it works once, and a
        new invitation voids it.
      </p>
      <SecretField label="Invitation link" value={invitation.url} copyLabel="Copy invitation link" />
    </div>
  );
}

function InviteForm({ onInvited }: { onInvited: (user: User) => Promise<void> }) {
  const keyFor = useIdempotencyKeys();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('checker');
  const action = useFormAction();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const body = { name: name.trim(), email: email.trim(), role };
      // The answer carries an API token for the new user; the desk does not keep it: people sign in with the invitation.
      const { token: _token, ...user } = unwrap(await api.POST('/v1/users', { body, params: { header: { 'Idempotency-Key': keyFor(body) } } }));
      await onInvited(user);
      setName('');
      setEmail('');
    });
  };

  return (
    <Form onSubmit={onSubmit} className="form-grid invite-form" aria-label="Invite someone">
      <Field label="Name" name="name" value={name} onChange={setName} isRequired maxLength={200} {...invalidProps(action.invalid, 'name')} />
      <Field label="E-mail" name="email" type="email" value={email} onChange={setEmail} isRequired {...invalidProps(action.invalid, 'email')} />
      <SelectField
        id="invite-role"
        label="Role"
        value={role}
        onChange={(value) => setRole(value as Role)}
        options={ROLES}
        description="Checkers research, editors also review and publish, admins also manage the desk."
      />
      <FormFooter action={action} label="Invite" refused="Not invited" className="span-2 stack" />
    </Form>
  );
}
