import { inboxLabel } from './unread';

describe('the Inbox link’s name', () => {
  it('carries the unread count', () => {
    expect(inboxLabel(undefined)).toBe('Inbox');
    expect(inboxLabel({ count: 0, more: false })).toBe('Inbox');
    expect(inboxLabel({ count: 3, more: false })).toBe('Inbox, 3 unread');
  });
});
