import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A statement of a hot path that PostgreSQL parses and plans once per pooled connection, not on
 * every request: a named prepared statement of `pg` (the driver keeps, per connection, which
 * names it has prepared). `dataSource.query` sends every statement unnamed, so PostgreSQL parses,
 * analyses and plans it each time; for the claim creation statement (six writes and the matching
 * candidates) that was a third of its database time (bench/README.md, "Claims").
 *
 * Only for statements whose text never changes: one name, one text. A new connection (after a
 * PostgreSQL restart, say) prepares it again on first use, and PostgreSQL replans it by itself
 * when a table it reads changes.
 */
export class PreparedStatement<Row> {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  async rows(dataSource: DataSource, values: unknown[]): Promise<Row[]> {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const result = await pool.query<Row & Record<string, unknown>>({ name: this.name, text: this.text, values });
    return result.rows;
  }
}
