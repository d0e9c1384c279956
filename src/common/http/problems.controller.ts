import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/actor';
import { AppError, ERROR_CODES, problemTypeUri, type ErrorCode } from './app-error';

/** Each problem `type` URI resolves to a short description of that error. */
@ApiTags('operations')
@Public()
@Controller('problems')
export class ProblemsController {
  @Get(':slug')
  @ApiOperation({ summary: 'What one problem type means', operationId: 'getProblemType', security: [] })
  @ApiOkResponse({ description: '{ type, code, status, title }' })
  @ApiNotFoundResponse({ description: 'No such problem type' })
  describe(@Param('slug') slug: string): { type: string; code: ErrorCode; status: number; title: string } {
    const code = (Object.keys(ERROR_CODES) as ErrorCode[]).find((c) => problemTypeUri(c) === `/problems/${slug}`);
    if (!code) throw AppError.notFound('Problem type');
    return { type: problemTypeUri(code), code, status: ERROR_CODES[code].status, title: ERROR_CODES[code].title };
  }
}
