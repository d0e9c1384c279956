import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Public, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { AppError } from '../common/http/app-error';
import { noneMatchHits } from '../common/http/etag';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { CalendarsService } from './calendars.service';

export class CalendarAddressView {
  @ApiProperty({
    description: 'The secret address to subscribe to (PUBLIC_URL/cal/<secret>.ics); keep it private',
    example: 'https://desk.example.org/cal/3q2-7w….ics',
  })
  url: string;
}

@ApiTags('calendars')
@Controller()
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Post('v1/me/calendar')
  @HttpCode(201)
  @Idempotent({ sensitive: true })
  @ApiOperation({ summary: 'Make a new secret calendar address for the caller; the previous one stops working', operationId: 'createCalendarAddress' })
  @ApiCreatedResponse({ type: CalendarAddressView })
  @ApiProblems('VALIDATION_FAILED', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  async create(@CurrentActor() actor: Actor): Promise<CalendarAddressView> {
    return { url: await this.calendars.rotate(actor) };
  }

  @Delete('v1/me/calendar')
  @HttpCode(204)
  @ApiOperation({ summary: "Turn off the caller's calendar address", operationId: 'deleteCalendarAddress' })
  @ApiNoContentResponse({ description: 'The address no longer works' })
  @ApiProblems()
  async remove(@CurrentActor() actor: Actor): Promise<void> {
    await this.calendars.remove(actor);
  }

  @Get('cal/:file')
  @Public()
  @ApiOperation({
    summary: "A person's reminders as an iCalendar feed (RFC 5545); the secret in the address is the only credential",
    operationId: 'getCalendarFeed',
    security: [],
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The calendar, with an ETag', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'Not modified since the ETag sent in If-None-Match' })
  @ApiNotFoundResponse({
    description: 'Unknown or replaced address',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  })
  async feed(
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const match = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(file);
    const calendar = match ? await this.calendars.render(match[1]) : null;
    if (!calendar) throw AppError.notFound('Calendar');
    reply.header('etag', calendar.etag).header('cache-control', 'private, no-cache');
    if (noneMatchHits(ifNoneMatch, calendar.etag)) {
      reply.status(304);
      return '';
    }
    reply.header('content-type', 'text/calendar; charset=utf-8');
    return calendar.body;
  }
}
