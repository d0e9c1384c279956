import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import type { ClaimReview } from './claimreview';
import { PublishingService, type DataFeed } from './publishing.service';

@ApiTags('publishing')
@Controller('v1')
export class PublishingController {
  constructor(private readonly publishing: PublishingService) {}

  @Get('claims/:id/claimreview')
  @ApiOperation({ summary: 'schema.org ClaimReview (JSON-LD) of a published claim', operationId: 'getClaimReview' })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'ClaimReview JSON-LD', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems('NOT_FOUND', 'CONFLICT')
  claimReview(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ClaimReview> {
    return this.publishing.claimReview(actor, id);
  }

  @Get('claimreview')
  @ApiOperation({ summary: 'Every published claim of the workspace, as a schema.org DataFeed of ClaimReviews', operationId: 'getClaimReviewFeed' })
  @ApiOkResponse({ description: 'DataFeed JSON-LD', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems()
  dataFeed(@CurrentActor() actor: Actor): Promise<DataFeed> {
    return this.publishing.dataFeed(actor);
  }
}
