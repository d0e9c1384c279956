import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signWebhook } from './signature';

describe('Standard Webhooks signatures', () => {
  it('generates whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('signs id.timestamp.body with the decoded secret, as a receiver verifies it', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"type":"reminder.due","timestamp":"2026-11-27T10:00:00.000Z","data":{}}';
    const signature = signWebhook(secret, 'msg_1', 1795800000, body);
    const expected = createHmac('sha256', Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64')).update(`msg_1.1795800000.${body}`).digest('base64');
    expect(signature).toBe(`v1,${expected}`);
    expect(signWebhook(secret, 'msg_1', 1795800001, body)).not.toBe(signature);
    expect(signWebhook(secret, 'msg_1', 1795800000, `${body} `)).not.toBe(signature);
  });
});
