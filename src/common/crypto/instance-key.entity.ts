import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Fallback key material for `SecretBox` when `SECRETS_KEY` is not configured: generated once
 * per installation. Setting `SECRETS_KEY` keeps the key out of the database (README).
 */
@Entity({ name: 'instance_keys' })
export class InstanceKey {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ type: 'bytea' })
  key: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
