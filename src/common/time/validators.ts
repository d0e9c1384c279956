import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Duration, IANAZone } from 'luxon';
import { parseDuration } from './duration';

/** An IANA time zone name that this runtime knows (`Africa/Nairobi`, `UTC`). */
export function isIanaTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value);
}

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
