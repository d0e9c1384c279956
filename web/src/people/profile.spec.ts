import type { Me } from '../api/client';
import { browserOf, profileBody, profileForm } from './profile';

const me: Me = {
  id: 'u1',
  email: 'grace@desk.example',
  name: 'Grace Wanjiru',
  role: 'editor',
  timezone: null,
  digest: true,
  workspace: { id: 'w1', name: 'Desk' },
};
describe('the profile', () => {
  it('names a session’s browser in words', () => {
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe('Chrome on Linux');
    expect(browserOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15')).toBe(
      'Safari on macOS',
    );
    expect(browserOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe('Firefox on Windows');
    expect(browserOf('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/150.0 Safari/537.36 Edg/150.0')).toBe('Edge on Windows');
    expect(browserOf('curl/8.5.0')).toBe('curl');
    expect(browserOf(null)).toBe('Unknown browser');
  });

  it('sends only what changed in the profile; the workspace’s zone is null', () => {
    expect(profileBody(profileForm(me), me)).toEqual({});
    expect(profileBody({ name: ' Grace W. ', timezone: 'Africa/Nairobi', digest: false }, me)).toEqual({
      name: 'Grace W.',
      timezone: 'Africa/Nairobi',
      digest: false,
    });
    expect(profileBody({ name: 'Grace Wanjiru', timezone: '', digest: true }, { ...me, timezone: 'Europe/Berlin' })).toEqual({ timezone: null });
  });
});
