import { Transform } from 'class-transformer';
import { Matches, ValidateIf } from 'class-validator';

/** Trims surrounding white space of string inputs. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** ISO 8601 timestamp, date and time, with an offset or Z (a bare date is ambiguous). */
export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** A string field holding an ISO_TIMESTAMP. */
export const IsTimestamp = () => Matches(ISO_TIMESTAMP, { message: 'must be an ISO 8601 timestamp with a time zone' });

export function toDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

export function iso(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}

/**
 * Optional, but not nullable: unlike `@IsOptional()`, an explicit `null` is validated (and
 * refused) rather than skipped.
 */
export const IfPresent = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);
