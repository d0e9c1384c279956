import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IfPresent, IsTimestamp } from '../../common/http/dto-helpers';
import { PageQuery } from '../../common/pagination/pagination';
import { CHANNELS, DELIVERY_STATUSES, type Channel, type DeliveryStatus } from '../delivery.entity';
import type { EventType } from '../../events/outbox-event.entity';
import { WEBHOOK_EVENT_TYPES } from '../webhook.entity';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.desk.example/claimtrack' })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: EventType[];
}

export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events: EventType[];
  @ApiProperty({ description: 'false once a receiver answered 410 Gone' }) active: boolean;
  @ApiProperty({ type: String, nullable: true }) disabledReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({ description: 'whsec_…: the signing secret, shown once' }) secret: string;
}

/** One event sent (or being sent) to a webhook: its delivery log (GET /v1/webhooks/:id/deliveries). */
export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id header of every attempt; POST /v1/deliveries/{id}/retry retries it once dead' }) id: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, description: 'The event sent' }) event: EventType;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt is due, while one is' }) nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: unread entries only' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class MarkAllReadDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only entries created at or before it (the newest one the reader has seen); without it, every unread entry',
  })
  @IfPresent()
  @IsTimestamp()
  upTo?: string;
}

export class MarkedReadView {
  @ApiProperty({ description: 'How many entries were unread and are read now' }) marked: number;
}

export class InboxEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'reminder.due', description: 'reminder.due, digest, claim.overdue, mention or claim.activity' }) type: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The claim it is about, if any' }) claimId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The reminder that fired (reminder.due)' }) reminderId: string | null;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'What the type carries, where it has any (digest, mention…)' })
  data?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class DeliveryView {
  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id header of every attempt' }) id: string;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ description: 'User id (inbox), e-mail address (email) or webhook id (webhook)' }) target: string;
  @ApiProperty({ description: 'Which occurrence of the reminder' }) occurrence: number;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
}
