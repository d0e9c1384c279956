import { ApiProblem } from '../api/client';
import { sentence } from '../api/problems';
import { STATUS_LABEL, type Status } from './vocabulary';

/**
 * A refused step or save, in words (docs/desk.md, "The board"): the guard's own detail, the statuses allowed
 * now, or that someone else changed the claim first.
 */
export function refusalInWords(error: unknown): string {
  if (!(error instanceof ApiProblem)) return 'The service could not be reached; nothing was changed. Try again.';
  switch (error.code) {
    case 'PRECONDITION_FAILED':
      return 'Changed by someone else — reload.';
    case 'ILLEGAL_TRANSITION': {
      const allowed = error.allowed.map((status) => STATUS_LABEL[status as Status] ?? status);
      return allowed.length > 0 ? `This move is not possible now. From here it can go to: ${allowed.join(', ')}.` : 'This move is not possible now.';
    }
    case 'VALIDATION_FAILED':
      return error.errors.length > 0 ? error.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : error.detail;
    case 'GUARD_FAILED': {
      // The API says which guard (`evidence_required: add at least one …`); a person needs the reason.
      const guard = typeof error.extra.guard === 'string' ? error.extra.guard : '';
      const reason = guard && error.detail.startsWith(`${guard}: `) ? error.detail.slice(guard.length + 2) : error.detail;
      return sentence(reason.charAt(0).toUpperCase() + reason.slice(1));
    }
    default:
      return error.detail;
  }
}
