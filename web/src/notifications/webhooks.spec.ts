import { attemptsInWords, deliveryStatusWord, WEBHOOK_EVENTS } from './webhooks';

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
