import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../config/env';
import { SecretBox, UnreadableSecretError } from './secret-box';

const KEY = randomBytes(32);
/** With SECRETS_KEY set, the box never reads the database. */
const box = (key: Buffer) => new SecretBox({ ...loadConfig({}), secretsKey: key }, {} as DataSource);

describe('SecretBox', () => {
  it('opens what it sealed', async () => {
    const key = randomBytes(32);
    expect(await box(key).open(await box(key).seal('whsec_abc'))).toBe('whsec_abc');
  });

  it.each([
    ['not sealed at all', () => Promise.resolve('plain text')],
    ['sealed under another SECRETS_KEY', () => box(randomBytes(32)).seal('whsec_abc')],
    ['altered', async () => (await box(KEY).seal('whsec_abc')).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
    ['an empty IV', () => Promise.resolve('v1..AAAAAAAAAAAAAAAAAAAAAA.AAAA')],
  ])('refuses a secret %s with UnreadableSecretError', async (_, sealed) => {
    await expect(box(KEY).open(await sealed())).rejects.toBeInstanceOf(UnreadableSecretError);
  });
});
