import { ApiProperty } from '@nestjs/swagger';
import { UserRefView } from '../dto/claim.view';
import { HISTORY_EVENT_TYPES, type HistoryEventType } from './claim-event.entity';

export class HistoryEventViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: HISTORY_EVENT_TYPES }) type: HistoryEventType;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: UserRefView, nullable: true, description: 'null for automatic events (a reminder firing)' }) actor: UserRefView | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Depends on the type: from/to/note/verdict for transitions, fields/before/after for updates',
  })
  data: Record<string, unknown>;
}
