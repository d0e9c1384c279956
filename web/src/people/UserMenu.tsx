import { useQueryClient } from '@tanstack/react-query';
import { Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useLocation } from 'wouter';
import { api } from '../api/client';
import { Button } from '../ui/controls';
import { useSignedIn } from '../api/session';

/** The user's menu (desk.md): a button named by the person's name, holding `Sign out`. */
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
    <MenuTrigger>
      <Button variant="quiet" className="user-button">
        {me.name}
      </Button>
      <Popover placement="bottom end" className="popover">
        <Menu className="menu" onAction={(key) => (key === 'settings' ? navigate('/settings') : void signOut())}>
          <MenuItem id="settings" className="menu-item" textValue="Settings">
            <span className="menu-item-title">Settings</span>
            <span className="menu-item-detail">
              {me.email} · {me.role}
            </span>
          </MenuItem>
          <MenuItem id="sign-out" className="menu-item">
            Sign out
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
