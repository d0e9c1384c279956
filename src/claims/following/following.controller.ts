import { Controller, Delete, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../../common/auth/actor';
import { ApiProblems } from '../../common/http/api-errors.decorator';
import { UuidParam } from '../../common/http/uuid-param';
import { ClaimFollowers } from './followers.service';

@ApiTags('claims')
@Controller('v1/claims/:id/following')
export class FollowingController {
  constructor(private readonly followers: ClaimFollowers) {}

  @Put()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Follow a claim: be told of its transitions, new comments and changes of assignee',
    description: 'The assignee, the creator, commenters and the people mentioned follow a claim automatically.',
    operationId: 'followClaim',
  })
  @ApiNoContentResponse({ description: 'Following' })
  @ApiProblems('NOT_FOUND')
  async follow(@CurrentActor() actor: Actor, @Param('id', UuidParam) claimId: string): Promise<void> {
    await this.followers.follow(actor, claimId);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop following a claim (until you are assigned, comment or are mentioned again)', operationId: 'unfollowClaim' })
  @ApiNoContentResponse({ description: 'Not following' })
  @ApiProblems('NOT_FOUND')
  async unfollow(@CurrentActor() actor: Actor, @Param('id', UuidParam) claimId: string): Promise<void> {
    await this.followers.unfollow(actor, claimId);
  }
}
