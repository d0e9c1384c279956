import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from './app-error';

/** Documents the problem-details answers a route can give, on top of 401 and 429. */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const all = [...new Set<ErrorCode>(['UNAUTHENTICATED', 'RATE_LIMITED', 'UNAVAILABLE', ...codes])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of all) byStatus.set(ERROR_CODES[code].status, [...(byStatus.get(ERROR_CODES[code].status) ?? []), code]);
  return applyDecorators(
    ApiBearerAuth(),
    ...[...byStatus].map(([status, list]) =>
      ApiResponse({
        status,
        description: `Problem details with code ${list.join(' or ')}`,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      }),
    ),
  );
}
