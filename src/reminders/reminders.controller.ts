import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ListOf, PageOf } from '../common/pagination/page-view';
import { PageQuery, type Page } from '../common/pagination/pagination';
import { DeliveryView } from '../notifications/dto/notifications.dto';
import { CreateReminderDto, ReminderListQuery, ReminderView, UpdateReminderDto } from './dto/reminder.dto';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@Controller('v1')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Post('claims/:id/reminders')
  @Idempotent()
  @ApiOperation({ summary: 'Schedule a reminder on a claim: once (at or in) or recurring (every, until)', operationId: 'createReminder' })
  @ApiCreatedResponse({ type: ReminderView })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentActor() actor: Actor, @Param('id', UuidParam) claimId: string, @Body() dto: CreateReminderDto): Promise<ReminderView> {
    return this.reminders.create(actor, claimId, dto);
  }

  @Get('claims/:id/reminders')
  @ApiOperation({ summary: "A claim's reminders, soonest first", operationId: 'listClaimReminders' })
  @ApiOkResponse({ type: PageOf(ReminderView) })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND')
  listForClaim(@CurrentActor() actor: Actor, @Param('id', UuidParam) claimId: string, @Query() query: PageQuery): Promise<Page<ReminderView>> {
    return this.reminders.listForClaim(actor, claimId, query.limit, query.cursor);
  }

  @Get('reminders')
  @ApiOperation({ summary: 'Every reminder of the workspace, soonest first', operationId: 'listReminders' })
  @ApiOkResponse({ type: PageOf(ReminderView) })
  @ApiProblems('VALIDATION_FAILED')
  list(@CurrentActor() actor: Actor, @Query() query: ReminderListQuery): Promise<Page<ReminderView>> {
    return this.reminders.list(actor, query);
  }

  @Get('reminders/:id')
  @ApiOperation({ summary: 'One reminder', operationId: 'getReminder' })
  @ApiOkResponse({ type: ReminderView })
  @ApiProblems('NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ReminderView> {
    return this.reminders.get(actor, id);
  }

  @Patch('reminders/:id')
  @ApiOperation({ summary: 'Reschedule a reminder', operationId: 'updateReminder' })
  @ApiOkResponse({ type: ReminderView })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: UpdateReminderDto): Promise<ReminderView> {
    return this.reminders.update(actor, id, dto);
  }

  @Delete('reminders/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel a reminder; it never fires after this returns', operationId: 'cancelReminder' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiProblems('NOT_FOUND', 'CONFLICT')
  async cancel(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.reminders.cancel(actor, id);
  }

  @Get('reminders/:id/deliveries')
  @ApiOperation({ summary: "A reminder's deliveries, per occurrence, channel and target", operationId: 'listReminderDeliveries' })
  @ApiOkResponse({ type: ListOf(DeliveryView) })
  @ApiProblems('NOT_FOUND')
  async deliveries(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<{ items: DeliveryView[] }> {
    return { items: await this.reminders.deliveriesOf(actor, id) };
  }
}
