import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Duration, IANAZone } from 'luxon';
import { parseDuration } from './duration';

/** An IANA time zone name that this runtime knows (`Africa/Nairobi`, `UTC`). */
export function isIanaTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value);
}

/**
 * A time zone name as the time zone database spells it (`africa/nairobi` → `Africa/Nairobi`).
 * Only the case changes: an alias (`US/Pacific`) stays the name the person chose.
 */
export function timeZoneSpelling(value: string): string {
  if (!isIanaTimeZone(value)) return value;
  const resolved = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
}

/** Stores a valid time zone in the database's spelling (see timeZoneSpelling). */
export const SpellTimeZone = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? timeZoneSpelling(value) : value));

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an IANA time zone name, such as Africa/Nairobi or UTC', ...options },
      validator: { validate: isIanaTimeZone },
    });
}

/** The longest duration a setting takes: beyond it, dates computed from it leave the calendar. */
const LONGEST_SETTING = Duration.fromObject({ years: 100 });

/** An ISO 8601 duration from one second to 100 years (`P1D`, `PT12H`). */
export function isSettingDuration(value: unknown): value is string {
  const millis = typeof value === 'string' && value.length <= 64 ? parseDuration(value)?.toMillis() : undefined;
  return millis !== undefined && millis >= 1000 && millis <= LONGEST_SETTING.toMillis();
}

export function IsIsoDuration(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDuration',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an ISO 8601 duration from PT1S to P100Y, such as P1D or PT12H', ...options },
      validator: { validate: isSettingDuration },
    });
}
