import { escalationOptions, trackerAddress, workspaceBody, workspaceForm, type Workspace } from './workspace';

const workspace: Workspace = {
  id: 'w1',
  name: 'Nairobi Fact Desk',
  slug: 'nairobi-fact-desk',
  timezone: 'Africa/Nairobi',
  digestAt: '08:00',
  escalateAfter: 'P1D',
  tracker: { enabled: false, title: null, intro: 'What the government promised', methodology: null },
};

describe('the workspace settings', () => {
  it('keeps an escalation set elsewhere among the options', () => {
    expect(escalationOptions('P1D').map((o) => o.value)).toEqual(['', 'PT4H', 'PT12H', 'P1D', 'P2D', 'P3D', 'P7D']);
    expect(escalationOptions('P10D').at(-1)).toEqual({ value: 'P10D', label: 'After P10D' });
    expect(escalationOptions(null)[0]).toEqual({ value: '', label: 'Never' });
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
});
