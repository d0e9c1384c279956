import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { ClaimCreation } from './claim-creation';
import { ClaimObservers } from './claim-observers';
import { ClaimFollower } from './following/claim-follower.entity';
import { ClaimFollowers } from './following/followers.service';
import { FollowingController } from './following/following.controller';
import { ClaimSearch } from './claim-search';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';
import { HistoryService } from './history/history.service';
import { SimilarClaims } from './similar-claims';
import { TransitionsService } from './transitions.service';
import { Claim } from './claim.entity';
import { ClaimEvent } from './history/claim-event.entity';

export const CLAIMS_ENTITIES = [Claim, ClaimEvent, ClaimFollower];

@Module({
  imports: [EventsModule],
  controllers: [ClaimsController, FollowingController],
  providers: [ClaimsService, ClaimCreation, ClaimSearch, TransitionsService, HistoryService, ClaimObservers, SimilarClaims, ClaimFollowers],
  exports: [ClaimsService, HistoryService, ClaimObservers, ClaimFollowers],
})
export class ClaimsModule {}
