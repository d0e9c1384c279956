import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError, type FieldError } from './app-error';

/** Rules on what kind of value a field holds; the other rules (lengths, ranges) assume it. */
const TYPE_RULES = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isDate']);

/**
 * Flattens class-validator's tree into `errors: [{ field, message }]` with dotted paths. Rules
 * that share one message (`must be a whole number from 1 to 200`) give it once, and a value of
 * the wrong kind (or none) is told only that: `must be a string`, not also a length it could not
 * have been measured against.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  const add = (error: FieldError) => {
    if (!out.some((seen) => seen.field === error.field && seen.message === error.message)) out.push(error);
  };
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const failed = Object.entries(error.constraints ?? {});
    const wrongKind = failed.filter(([constraint]) => TYPE_RULES.has(constraint));
    for (const [constraint, message] of wrongKind.length > 0 ? wrongKind : failed) {
      if (constraint === 'whitelistValidation') add({ field, message: 'is not a known field' });
      else add({ field, message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/**
 * The one validation pipe: unknown fields are refused (not stripped), values are converted
 * to the DTO's types, and failures become `400 VALIDATION_FAILED` with `errors[]`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => AppError.validation(flattenValidationErrors(errors)),
  });
}
