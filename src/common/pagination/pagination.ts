import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError } from '../http/app-error';

/** `limit` and `cursor`, shared by every list (product.md, "Lists"). */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'Page size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s `nextCursor`' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor is the sort key of the last item of a page, as an opaque string. Keyset paging
 * (`WHERE (key, id) < (…)`) never skips or repeats rows when rows are added meanwhile.
 */
export type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')) {
      return values as CursorValue[];
    }
  } catch {
    // fall through
  }
  throw AppError.validation([{ field: 'cursor', message: 'is not a cursor returned by this list' }]);
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only says whether a next page
 * exists; the cursor is the key of the last row returned.
 */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => CursorValue[], view: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(view),
    nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null,
  };
}
