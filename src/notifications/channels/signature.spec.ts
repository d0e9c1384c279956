import { generateWebhookSecret, signWebhook } from './signature';

describe('Standard Webhooks signatures', () => {
  it('generates whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it("reproduces the Standard Webhooks specification's published test vector exactly", () => {
    // An independent answer, computed by the specification's reference libraries: a receiver's
    // own library verifies what claimtrack signs only if this matches to the last character.
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('changes with the timestamp and with any byte of the body', () => {
    const secret = generateWebhookSecret();
    const body = '{"type":"reminder.due","timestamp":"2026-11-27T10:00:00.000Z","data":{}}';
    const signature = signWebhook(secret, 'msg_1', 1795800000, body);
    expect(signWebhook(secret, 'msg_1', 1795800001, body)).not.toBe(signature);
    expect(signWebhook(secret, 'msg_1', 1795800000, `${body} `)).not.toBe(signature);
    expect(signWebhook(secret, 'msg_2', 1795800000, body)).not.toBe(signature);
  });
});
