import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { api } from '../api/client';
import { MenuButton } from '../ui/MenuButton';
import { useSignedIn } from '../api/session';

/** The user's menu (docs/desk.md, "Screens"): a button named by the person's name, holding `Sign out`. */
export function UserMenu() {
  const me = useSignedIn();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();

  const signOut = async () => {
    // Whatever the answer, this browser is signed out: the session cookie is cleared by the
    // server, and the cache forgets everything it held.
    await api.POST('/v1/auth/logout').catch(() => undefined);
    queryClient.clear();
    queryClient.setQueryData(['me'], null);
    navigate('/login', { replace: true });
  };

  return (
    <MenuButton
      label={me.name}
      menuLabel="Your account"
      className="user-button"
      choices={[
        { id: 'settings', label: 'Settings', detail: `${me.email} · ${me.role}` },
        { id: 'sign-out', label: 'Sign out' },
      ]}
      onAction={(id) => (id === 'settings' ? navigate('/settings') : void signOut())}
    />
  );
}
