/**
 * Domain errors carry a stable code; the problem-details filter maps the code to its status
 * (docs/api.md, "Conventions").
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'Validation failed' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict' },
  ILLEGAL_TRANSITION: { status: 409, title: 'Illegal transition' },
  IDEMPOTENCY_KEY_IN_FLIGHT: { status: 409, title: 'Request with this Idempotency-Key is still in flight' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  PRECONDITION_FAILED: { status: 412, title: 'Precondition failed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  URI_TOO_LONG: { status: 414, title: 'URI too long' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  EXPECTATION_FAILED: { status: 417, title: 'Expectation failed' },
  GUARD_FAILED: { status: 422, title: 'Transition guard failed' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency-Key reused with a different request' },
  PRECONDITION_REQUIRED: { status: 428, title: 'Precondition required' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  INTERNAL: { status: 500, title: 'Internal error' },
  UNAVAILABLE: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** Extra members of the problem document (`errors`, `allowed`, `guard`, …). */
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = `AppError(${code})`;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static validation(errors: FieldError[]): AppError {
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new AppError('VALIDATION_FAILED', detail || 'The request is invalid', { errors });
  }

  /** A path that exists, asked with a method it does not answer: `Allow` names those it does. */
  static methodNotAllowed(method: string, allow: string[]): AppError {
    return new AppError('METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${allow.join(', ')}`, {}, { allow: allow.join(', ') });
  }

  static forbidden(detail: string): AppError {
    return new AppError('FORBIDDEN', detail);
  }

  static conflict(detail: string, extensions: Record<string, unknown> = {}): AppError {
    return new AppError('CONFLICT', detail, extensions);
  }
}

export function problemTypeUri(code: ErrorCode): string {
  return `/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

/** RFC 9457 problem details for every error the API can produce. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance: string;
  [extension: string]: unknown;
}

/** The error as the problem document a client reads; `instance` names the request that met it. */
export function problemOf(error: AppError, requestId: string): ProblemDocument {
  return {
    type: problemTypeUri(error.code),
    title: ERROR_CODES[error.code].title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    instance: `urn:uuid:${requestId}`,
    ...error.extensions,
  };
}
