import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MeView } from '../accounts/dto/accounts.dto';
import { CurrentActor, MinRole, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { PageQuery, type Page } from '../common/pagination/pagination';
import { PageOf } from '../common/pagination/page-view';
import { InvitationView, SessionView, UpdateMeDto } from './dto/people.dto';
import { PeopleService } from './people.service';

/** A person's own profile and sessions, and the admin's invitations. */
@ApiTags('people')
@Controller('v1')
export class MeController {
  constructor(private readonly people: PeopleService) {}

  @Patch('me')
  @ApiOperation({ summary: 'Change your name, time zone, digest or password (a new password ends your other sessions)', operationId: 'updateMe' })
  @ApiOkResponse({ type: MeView })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN')
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeView> {
    return this.people.updateMe(actor, dto);
  }

  @Get('me/sessions')
  @ApiOperation({ summary: 'Your open sessions', operationId: 'listSessions' })
  @ApiOkResponse({ type: PageOf(SessionView) })
  @ApiProblems('VALIDATION_FAILED')
  sessions(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<SessionView>> {
    return this.people.sessions(actor, query.limit, query.cursor);
  }

  @Delete('me/sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End one of your sessions at once', operationId: 'revokeSession' })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiProblems('NOT_FOUND', 'FORBIDDEN')
  async revoke(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.people.revokeSession(actor, id);
  }

  @Post('users/:id/invitations')
  @MinRole('admin')
  @Idempotent({ sensitive: true })
  @ApiOperation({ summary: 'Invite a user to sign in: a one-time link valid 7 days, e-mailed when SMTP_URL is set', operationId: 'inviteUser' })
  @ApiCreatedResponse({ type: InvitationView })
  @ApiProblems('FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  invite(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<InvitationView> {
    return this.people.invite(actor, id);
  }
}
