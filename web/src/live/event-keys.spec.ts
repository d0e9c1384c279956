import { keysToInvalidate } from './event-keys';

describe('what a live event makes stale', () => {
  it('refreshes the claim and every claim list on a transition', () => {
    expect(keysToInvalidate({ type: 'claim.transitioned', at: '', claimId: 'c1' })).toEqual([['claims'], ['claim', 'c1'], ['reminders']]);
  });
  it("refreshes the sources' suggestions when a claim is created", () => {
    expect(keysToInvalidate({ type: 'claim.created', at: '', claimId: 'c1' })).toEqual([['claims'], ['claim', 'c1'], ['reminders'], ['sources']]);
  });
  it('refreshes one claim for its evidence and comments', () => {
    expect(keysToInvalidate({ type: 'evidence.added', at: '', claimId: 'c1' })).toEqual([['claim', 'c1']]);
  });
  it('refreshes the inbox for a notification', () => {
    expect(keysToInvalidate({ type: 'notification.created', at: '' })).toEqual([['notifications']]);
  });
  it('refreshes everything after a reset or an unknown event', () => {
    expect(keysToInvalidate({ type: 'reset', at: '' })).toEqual([[]]);
  });
});
