import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { PageQuery, type Page } from '../common/pagination/pagination';
import { PageOf } from '../common/pagination/page-view';
import { CurrentActor, InstanceAdminOnly, MinRole, ReplayAfterRotation, type Actor } from '../common/auth/actor';
import { AccountsService, userView } from './accounts.service';
import { CreatedWorkspaceView, CreateUserDto, CreateWorkspaceDto, MeView, TokenView, UpdateUserDto, UserView, UserWithTokenView } from './dto/accounts.dto';

@ApiTags('accounts')
@Controller('v1')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('workspaces')
  @InstanceAdminOnly()
  @Idempotent({ sensitive: true })
  @ApiOperation({ summary: 'Create a workspace (a newsroom) and its first admin', operationId: 'createWorkspace' })
  @ApiCreatedResponse({ type: CreatedWorkspaceView })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN', 'CONFLICT', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  createWorkspace(@Body() dto: CreateWorkspaceDto): Promise<CreatedWorkspaceView> {
    return this.accounts.createWorkspace(dto.name, dto.adminEmail);
  }

  @Get('me')
  @ApiOperation({ summary: 'The caller: user, role and workspace', operationId: 'getMe' })
  @ApiOkResponse({ type: MeView })
  @ApiProblems()
  me(@CurrentActor() actor: Actor): MeView {
    return this.accounts.me(actor);
  }

  @Post('users')
  @MinRole('admin')
  @Idempotent({ sensitive: true })
  @ApiOperation({ summary: 'Add a user to the workspace; answers their first token once', operationId: 'createUser' })
  @ApiCreatedResponse({ type: UserWithTokenView })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN', 'CONFLICT', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserWithTokenView> {
    return this.accounts.createUser(actor, dto);
  }

  @Get('users')
  @ApiOperation({ summary: "List the workspace's users", operationId: 'listUsers' })
  @ApiOkResponse({ type: PageOf(UserView) })
  @ApiProblems('VALIDATION_FAILED')
  listUsers(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<UserView>> {
    return this.accounts.listUsers(actor, query.limit, query.cursor);
  }

  @Get('users/:id')
  @ApiOperation({ summary: 'One user of the workspace', operationId: 'getUser' })
  @ApiOkResponse({ type: UserView })
  @ApiProblems('NOT_FOUND')
  async getUser(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<UserView> {
    return userView(await this.accounts.getUser(actor, id));
  }

  @Patch('users/:id')
  @MinRole('admin')
  @ApiOperation({ summary: "Change a user's role, or deactivate them (their tokens stop working at once)", operationId: 'updateUser' })
  @ApiOkResponse({ type: UserView })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT')
  updateUser(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.accounts.updateUser(actor, id, dto);
  }

  @Post('users/:id/tokens')
  @HttpCode(201)
  @Idempotent({ sensitive: true })
  @ReplayAfterRotation()
  @ApiOperation({ summary: 'Issue a new token for a user (an admin, or the user themself); earlier tokens stop working', operationId: 'rotateToken' })
  @ApiCreatedResponse({ type: TokenView })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  async rotateToken(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<TokenView> {
    return { token: await this.accounts.rotateToken(actor, id) };
  }
}
