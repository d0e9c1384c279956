import { attemptsInWords, deliveryLogRefresh, deliveryStatusWord, WEBHOOK_EVENTS } from './webhooks';

describe('webhooks in words', () => {
  it('offers every event a webhook may subscribe to', () => {
    expect(WEBHOOK_EVENTS.map((e) => e.value)).toEqual(['claim.created', 'claim.transitioned', 'claim.published', 'reminder.due', 'claim.overdue']);
  });
  it('says how a delivery went', () => {
    expect(deliveryStatusWord('failed')).toBe('Failed, will retry');
    expect(deliveryStatusWord('dead')).toBe('Dead');
    expect(attemptsInWords(1)).toBe('1 attempt');
    expect(attemptsInWords(8)).toBe('8 attempts');
  });
});

describe('a delivery log while a delivery is tried', () => {
  it('reads itself again every 2 s while a delivery is pending or will be retried, and not once all are settled', () => {
    expect(deliveryLogRefresh([{ status: 'delivered' }, { status: 'pending' }])).toBe(2000);
    expect(deliveryLogRefresh([{ status: 'failed' }])).toBe(2000);
    expect(deliveryLogRefresh([{ status: 'delivered' }, { status: 'dead' }, { status: 'skipped' }])).toBe(false);
    expect(deliveryLogRefresh([])).toBe(false);
  });
});
