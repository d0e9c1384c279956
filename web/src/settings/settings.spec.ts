import type { Me } from '../api/client';
import { browserOf, escalationOptions, profileBody, profileForm, trackerAddress, workspaceBody, workspaceForm, zoneOptions, type Workspace } from './settings';

const me: Me = {
  id: 'u1',
  email: 'grace@desk.example',
  name: 'Grace Wanjiru',
  role: 'editor',
  timezone: null,
  digest: true,
  workspace: { id: 'w1', name: 'Desk' },
};
const workspace: Workspace = {
  id: 'w1',
  name: 'Nairobi Fact Desk',
  slug: 'nairobi-fact-desk',
  timezone: 'Africa/Nairobi',
  digestAt: '08:00',
  escalateAfter: 'P1D',
  tracker: { enabled: false, title: null, intro: 'What the government promised', methodology: null },
};

describe('settings', () => {
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

  it('keeps an escalation set elsewhere among the options', () => {
    expect(escalationOptions('P1D').map((o) => o.value)).toEqual(['', 'PT4H', 'PT12H', 'P1D', 'P2D', 'P3D', 'P7D']);
    expect(escalationOptions('P10D').at(-1)).toEqual({ value: 'P10D', label: 'After P10D' });
    expect(escalationOptions(null)[0]).toEqual({ value: '', label: 'Never' });
  });

  it('keeps a zone this browser does not list', () => {
    expect(zoneOptions('Mars/Olympus_Mons')[0]).toEqual({ value: 'Mars/Olympus_Mons', label: 'Mars/Olympus Mons' });
    expect(zoneOptions(null).map((o) => o.value)).toContain('Africa/Nairobi');
  });

  it('saves the workspace form, an emptied text as the default (null)', () => {
    const form = { ...workspaceForm(workspace), escalateAfter: '', trackerEnabled: true, trackerTitle: '  ', trackerIntro: ' Promises, tracked ' };
    expect(workspaceBody(form)).toEqual({
      name: 'Nairobi Fact Desk',
      timezone: 'Africa/Nairobi',
      digestAt: '08:00',
      escalateAfter: null,
      tracker: { enabled: true, title: null, intro: 'Promises, tracked', methodology: null },
    });
    expect(trackerAddress('https://desk.example', workspace.slug)).toBe('https://desk.example/t/nairobi-fact-desk');
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
