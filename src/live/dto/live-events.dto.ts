import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { LIVE_EVENT_TYPES } from '../../events/live-events';

export class LiveEventsQuery {
  @ApiPropertyOptional({
    description:
      'Resume after this event id, as the Last-Event-ID header does (for a first connection, which cannot send the header); the header wins when both are sent',
    example: '1042',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,15}$/, { message: 'must be an event id (a whole number)' })
  lastEventId?: string;
}

/** The `data:` line of each message of GET /v1/events, as JSON. */
export class LiveEventMessage {
  @ApiProperty({ enum: [...LIVE_EVENT_TYPES, 'reset'], description: "Also the message's `event:` field" }) type: string;
  @ApiProperty({ format: 'date-time', description: 'When the change was made' }) at: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The claim the event is about, if any' }) claimId?: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "For claim, evidence, reminder and comment events: the `data` of the claim's timeline entry (GET /v1/claims/{id}/history) with `actor: { id, name } | null`. For notification.created: the inbox entry, as GET /v1/me/notifications shows it. For reset: `{}`.",
  })
  data: Record<string, unknown>;
}
