import { registerDecorator, type ValidationOptions } from 'class-validator';
import { IANAZone } from 'luxon';
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

/** A positive ISO 8601 duration (`P1D`, `PT12H`). */
export function IsIsoDuration(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDuration',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an ISO 8601 duration, such as P1D or PT12H', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.length <= 64 && (parseDuration(value)?.toMillis() ?? 0) > 0,
      },
    });
}
