import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { ClaimObservers } from './claim-observers';
import { ClaimSearch } from './claim-search';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';
import { HistoryService } from './history/history.service';
import { SimilarClaims } from './similar-claims';
import { TransitionsService } from './transitions.service';
import { Claim } from './claim.entity';
import { ClaimEvent } from './history/claim-event.entity';

export const CLAIMS_ENTITIES = [Claim, ClaimEvent];

@Module({
  imports: [EventsModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, ClaimSearch, TransitionsService, HistoryService, ClaimObservers, SimilarClaims],
  exports: [ClaimsService, HistoryService, ClaimObservers],
})
export class ClaimsModule {}
