import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { DeliveriesService, type DeliveryRecord } from './deliveries.service';

@ApiTags('notifications')
@Controller('v1/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Post(':id/retry')
  @HttpCode(202)
  @MinRole('editor')
  @ApiOperation({ summary: 'Try a dead delivery again (same id, same webhook-id)', operationId: 'retryDelivery' })
  @ApiAcceptedResponse({ description: 'The delivery, pending again' })
  @ApiProblems('FORBIDDEN', 'NOT_FOUND', 'CONFLICT')
  async retry(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<Omit<DeliveryRecord, 'eventId'>> {
    const { eventId: _eventId, ...delivery } = await this.deliveries.retry(actor, id);
    return delivery;
  }
}
