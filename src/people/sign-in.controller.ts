import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MeView } from '../accounts/dto/accounts.dto';
import { SESSION_COOKIE, sessionCookieOptions } from '../accounts/session-cookie';
import { SESSION_LIFETIME_MS } from '../accounts/auth.service';
import { CurrentActor, Public, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { AcceptInvitationDto, InvitationInfoView, LoginDto, PasswordResetDto, PasswordResetRequestDto } from './dto/people.dto';
import { PeopleService, type OpenedSession, type SignInContext } from './people.service';

/** Signing in to the desk (docs/api.md, "Signing in (people)"): the /v1/auth routes. */
@ApiTags('sign-in')
@Controller('v1/auth')
export class SignInController {
  constructor(
    private readonly people: PeopleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with an e-mail address and password (or the instance admin with ADMIN_TOKEN); sets the session cookie',
    operationId: 'login',
    security: [],
  })
  @ApiOkResponse({ type: MeView })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED')
  async login(@Body() dto: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<MeView> {
    return this.signedIn(reply, await this.people.login(dto, contextOf(request)));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session ends on the server and the cookie is cleared', operationId: 'logout' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems('FORBIDDEN')
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.people.logout(actor);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config.publicUrl));
  }

  @Get('invitations/:code')
  @Public()
  @ApiOperation({ summary: 'Who an invitation is for', operationId: 'getInvitation', security: [] })
  @ApiOkResponse({ type: InvitationInfoView })
  @ApiProblems('NOT_FOUND')
  invitation(@Param('code') code: string): Promise<InvitationInfoView> {
    return this.people.invitation(code);
  }

  @Post('invitations/:code')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: set a password and sign in', operationId: 'acceptInvitation', security: [] })
  @ApiOkResponse({ type: MeView })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN')
  async accept(
    @Param('code') code: string,
    @Body() dto: AcceptInvitationDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeView> {
    return this.signedIn(reply, await this.people.acceptInvitation(code, dto, contextOf(request)));
  }

  @Post('password-resets')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'E-mail a password reset link to each active user with this address (always 202)',
    operationId: 'requestPasswordReset',
    security: [],
  })
  @ApiAcceptedResponse({ description: 'Accepted, whether or not the address exists' })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN')
  async requestReset(@Body() dto: PasswordResetRequestDto): Promise<void> {
    await this.people.requestReset(dto.email);
  }

  @Post('password-resets/:code')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a reset code; every session of that user ends', operationId: 'resetPassword', security: [] })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN')
  async reset(@Param('code') code: string, @Body() dto: PasswordResetDto): Promise<void> {
    await this.people.resetPassword(code, dto.password);
  }

  private signedIn(reply: FastifyReply, session: OpenedSession): MeView {
    reply.setCookie(SESSION_COOKIE, session.cookie, sessionCookieOptions(this.config.publicUrl, SESSION_LIFETIME_MS / 1000));
    reply.header('cache-control', 'no-store');
    return session.me;
  }
}

export function contextOf(request: FastifyRequest): SignInContext {
  const agent = request.headers['user-agent'];
  return { address: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}
