import { ApiProblem } from './client';

/**
 * What went wrong, in words a person can act on: the problem's own detail (and the fields it
 * names), or, when the service never answered, that nothing reached it.
 */
export function problemInWords(error: unknown): string {
  if (error instanceof ApiProblem) {
    // A validation problem's detail already lists its fields; each is said once, from errors[].
    if (error.errors.length > 0) return sentence(error.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    return error.detail;
  }
  return 'The service could not be reached. Check the connection and try again.';
}

/** Text ending as a sentence does: a full stop unless it already ends with one of its own. */
export function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** The messages of a validation problem by field (`claimant.name` → its message), for the form that sent it. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  const byField: Record<string, string> = {};
  for (const { field, message } of error.errors) byField[field] ??= message;
  return byField;
}
