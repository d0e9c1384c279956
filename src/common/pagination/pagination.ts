import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AppError } from '../http/app-error';

const LIMIT_RULE = 'must be a whole number from 1 to 200';

/** `limit` and `cursor`, shared by every list (docs/api.md, "Lists"). */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'Page size' })
  @IsOptional()
  // Decimal digits only: `1e2`, `0x10` or `+5` are not a page size a client meant.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value))
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(200, { message: LIMIT_RULE })
  limit: number = 50;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's `nextCursor`" })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'is empty: leave cursor out for the first page' })
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor is the name of the list that issued it and the sort key of the last item of a page,
 * as an opaque string. Keyset paging (`WHERE (key, id) < (…)`) never skips or repeats rows when
 * rows are added meanwhile.
 */
export type CursorValue = string | number | null;

/** What each position of a sort key must hold; anything else is a forged or foreign cursor. */
export type CursorPart = 'timestamp' | 'timestamp-or-null' | 'uuid' | readonly string[];

/** A list's cursor: the list (and sort) it belongs to, and what each position of its key holds. */
export interface CursorKey {
  readonly list: string;
  readonly parts: readonly CursorPart[];
}

/** The key of a list ordered by creation: (created_at, id). */
export const createdKey = (list: string): CursorKey => ({ list, parts: ['timestamp', 'uuid'] });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isTimestamp = (v: CursorValue) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function fits(value: CursorValue, part: CursorPart): boolean {
  if (part === 'timestamp') return isTimestamp(value);
  if (part === 'timestamp-or-null') return value === null || isTimestamp(value);
  if (part === 'uuid') return typeof value === 'string' && UUID.test(value);
  return typeof value === 'string' && part.includes(value);
}

export function encodeCursor(key: CursorKey, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([key.list, ...values])).toString('base64url');
}

/**
 * The sort key a cursor holds, checked against the list asking: a cursor of another list or
 * sort (whose rows run in another order), or a forged one, is a 400, never a database error.
 */
export function decodeCursor(cursor: string, key: CursorKey): CursorValue[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (Array.isArray(decoded) && decoded[0] === key.list) {
    const values = decoded.slice(1) as CursorValue[];
    if (values.length === key.parts.length && values.every((v, i) => fits(v, key.parts[i]))) return values;
  }
  throw AppError.validation([{ field: 'cursor', message: 'is not a cursor returned by this list' }]);
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only says whether a next page
 * exists; the cursor is the key of the last row returned.
 */
export function toPage<R, T>(rows: R[], limit: number, key: CursorKey, keyOf: (row: R) => CursorValue[], view: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(view),
    nextCursor: hasMore ? encodeCursor(key, keyOf(pageRows[pageRows.length - 1])) : null,
  };
}
