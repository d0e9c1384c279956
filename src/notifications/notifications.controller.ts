import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { PageQuery, type Page } from '../common/pagination/pagination';
import { PageOf } from '../common/pagination/page-view';
import {
  CreatedWebhookView,
  CreateWebhookDto,
  InboxEntryView,
  InboxQuery,
  MarkAllReadDto,
  MarkedReadView,
  WebhookDeliveryView,
  WebhookView,
} from './dto/notifications.dto';
import { InboxService } from './inbox.service';
import { WebhooksService } from './webhooks.service';

@ApiTags('notifications')
@Controller('v1/me/notifications')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: "The caller's inbox, newest first (unread=true: unread only)", operationId: 'listNotifications' })
  @ApiOkResponse({ type: PageOf(InboxEntryView) })
  @ApiProblems('VALIDATION_FAILED')
  list(@CurrentActor() actor: Actor, @Query() query: InboxQuery): Promise<Page<InboxEntryView>> {
    return this.inbox.list(actor, query.unread === true, query.limit, query.cursor);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark every unread entry read, or those created up to upTo (the desk's Mark all read)", operationId: 'markAllNotificationsRead' })
  @ApiOkResponse({ type: MarkedReadView })
  @ApiProblems('VALIDATION_FAILED')
  async markAllRead(@CurrentActor() actor: Actor, @Body() dto: MarkAllReadDto): Promise<MarkedReadView> {
    return { marked: await this.inbox.markAllRead(actor, dto.upTo) };
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark an inbox entry read', operationId: 'markNotificationRead' })
  @ApiNoContentResponse({ description: 'Read' })
  @ApiProblems('NOT_FOUND')
  async markRead(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.inbox.markRead(actor, id);
  }
}

@ApiTags('webhooks')
@MinRole('admin')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Idempotent({ sensitive: true })
  @ApiOperation({ summary: 'Register a webhook (Standard Webhooks); answers its signing secret once', operationId: 'createWebhook' })
  @ApiCreatedResponse({ type: CreatedWebhookView })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    return this.webhooks.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: "The workspace's webhooks", operationId: 'listWebhooks' })
  @ApiOkResponse({ type: PageOf(WebhookView) })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN')
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<WebhookView>> {
    return this.webhooks.list(actor, query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook', operationId: 'getWebhook' })
  @ApiOkResponse({ type: WebhookView })
  @ApiProblems('FORBIDDEN', 'NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<WebhookView> {
    return this.webhooks.get(actor, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: "A webhook's delivery log, newest first: each event sent to it, its status, attempts and last error",
    operationId: 'listWebhookDeliveries',
  })
  @ApiOkResponse({ type: PageOf(WebhookDeliveryView) })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND')
  deliveries(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: PageQuery): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.deliveries(actor, id, query.limit, query.cursor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook; nothing more is sent to it', operationId: 'deleteWebhook' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems('FORBIDDEN', 'NOT_FOUND')
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.webhooks.remove(actor, id);
  }
}
