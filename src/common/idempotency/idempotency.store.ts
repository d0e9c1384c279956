import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Keys are remembered for 24 hours. */
export const KEY_TTL_HOURS = 24;
/** An in-flight claim whose owner died may be taken over after this long. */
const IN_FLIGHT_LEASE_SECONDS = 60;

export type Claim =
  { kind: 'owned' } | { kind: 'in-flight' } | { kind: 'mismatch' } | { kind: 'replay'; status: number; body: unknown; headers: Record<string, string> };

/** The PostgreSQL side of idempotent requests: claim a key, then complete or release it. */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims `key` for this request in one statement: a new key, an expired one, or an
   * abandoned in-flight one with the same request becomes ours; otherwise the existing row
   * says what to answer.
   */
  async claim(scope: string, key: string, requestHash: Buffer): Promise<Claim> {
    const owned: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, locked_until, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => ${IN_FLIGHT_LEASE_SECONDS}), now() + make_interval(hours => ${KEY_TTL_HOURS}))
       ON CONFLICT (scope, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at,
              created_at = now(), response_status = NULL, response_body = NULL, response_headers = NULL
        WHERE idempotency_keys.expires_at < now()
           OR (idempotency_keys.response_status IS NULL AND idempotency_keys.locked_until < now()
               AND idempotency_keys.request_hash = EXCLUDED.request_hash)
       RETURNING 1`,
      [scope, key, requestHash],
    );
    if (owned.length > 0) return { kind: 'owned' };

    const rows: Array<{ request_hash: Buffer; response_status: number | null; response_body: unknown; response_headers: Record<string, string> | null }> =
      await this.dataSource.query(`SELECT request_hash, response_status, response_body, response_headers FROM idempotency_keys WHERE scope = $1 AND key = $2`, [
        scope,
        key,
      ]);
    const row = rows[0];
    if (!row) return this.claim(scope, key, requestHash); // released between our two statements
    if (!row.request_hash.equals(requestHash)) return { kind: 'mismatch' };
    if (row.response_status === null) return { kind: 'in-flight' };
    return { kind: 'replay', status: row.response_status, body: row.response_body, headers: row.response_headers ?? {} };
  }

  async complete(scope: string, key: string, status: number, body: unknown, headers: Record<string, string>): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4, response_headers = $5, locked_until = NULL WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body), JSON.stringify(headers)],
    );
  }

  /** The request failed: forget the key so that the client may try again. */
  async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND response_status IS NULL`, [scope, key]);
  }

  /** Drops expired keys, a batch at a time (called by the maintenance sweep). */
  async purgeExpired(batch = 5000): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT $1)`,
      [batch],
    );
    return count;
  }
}
