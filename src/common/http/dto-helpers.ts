import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf } from 'class-validator';

/** Trims surrounding white space of string inputs. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** ISO 8601 timestamp, date and time, with an offset or Z (a bare date is ambiguous). */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;

/**
 * Whether a value is an ISO 8601 timestamp with a zone that names a real instant: the shape
 * alone would let 30 February roll over into March, or month 13 reach the database.
 */
export function isTimestamp(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const parts = ISO_TIMESTAMP.exec(value);
  if (!parts) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = parts.slice(1).map((part) => Number(part ?? 0));
  const dateExists = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  const timeExists = hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 15 && offsetMinutes <= 59;
  return dateExists && timeExists && !Number.isNaN(Date.parse(value));
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A string field holding a timestamp that isTimestamp accepts. */
export const IsTimestamp = () =>
  ValidateBy({
    name: 'isTimestamp',
    validator: { validate: isTimestamp, defaultMessage: () => 'must be an ISO 8601 timestamp with a time zone, of a real date and time' },
  });

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
