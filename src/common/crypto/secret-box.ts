import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';

const VERSION = 'v1';

/**
 * A sealed secret that can never be opened with this instance's key: malformed, tampered
 * with, or sealed under another SECRETS_KEY. (A key that cannot be loaded is another error.)
 */
export class UnreadableSecretError extends Error {
  constructor(reason: string) {
    super(`the secret cannot be decrypted: ${reason}`);
    this.name = 'UnreadableSecretError';
  }
}

/**
 * Authenticated encryption (AES-256-GCM) for secrets that must be read back, such as webhook
 * signing secrets and remembered responses that carry a token. Ciphertext format:
 * `v1.<iv>.<tag>.<data>`, each part base64url.
 */
@Injectable()
export class SecretBox {
  private key: Promise<Buffer> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async seal(plaintext: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.getKey(), iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** Throws `UnreadableSecretError` for what no retry can open. */
  async open(sealed: string): Promise<string> {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new UnreadableSecretError(`not a ${VERSION} sealed secret`);
    const key = await this.getKey();
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new UnreadableSecretError('it was sealed under another SECRETS_KEY, or altered');
    }
  }

  private getKey(): Promise<Buffer> {
    if (this.config.secretsKey) return Promise.resolve(this.config.secretsKey);
    this.key ??= this.loadStoredKey().catch((error: unknown) => {
      this.key = null;
      throw error;
    });
    return this.key;
  }

  private async loadStoredKey(): Promise<Buffer> {
    await this.dataSource.query(`INSERT INTO instance_keys (name, key) VALUES ('secrets', $1) ON CONFLICT (name) DO NOTHING`, [randomBytes(32)]);
    const rows: Array<{ key: Buffer }> = await this.dataSource.query(`SELECT key FROM instance_keys WHERE name = 'secrets'`);
    return rows[0].key;
  }
}
