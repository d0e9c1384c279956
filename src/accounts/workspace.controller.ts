import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { UpdateWorkspaceDto, WorkspaceView } from './dto/workspace.dto';
import { WorkspaceSettingsService } from './workspace-settings.service';

@ApiTags('accounts')
@Controller('v1/workspace')
export class WorkspaceController {
  constructor(private readonly settings: WorkspaceSettingsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's workspace and its settings", operationId: 'getWorkspace' })
  @ApiOkResponse({ type: WorkspaceView })
  @ApiProblems()
  get(@CurrentActor() actor: Actor): Promise<WorkspaceView> {
    return this.settings.get(actor);
  }

  @Patch()
  @MinRole('admin')
  @ApiOperation({ summary: 'Change the workspace settings: slug, time zone, digest time, escalation, public tracker', operationId: 'updateWorkspace' })
  @ApiOkResponse({ type: WorkspaceView })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN', 'CONFLICT')
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateWorkspaceDto): Promise<WorkspaceView> {
    return this.settings.update(actor, dto);
  }
}
