import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ClaimObservers } from './claim-observers';
import { ClaimSearch } from './claim-search';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';
import { HistoryService } from './history/history.service';
import { SimilarClaims } from './similar-claims';
import { TransitionsService } from './transitions.service';

@Module({
  imports: [NotificationsModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, ClaimSearch, TransitionsService, HistoryService, ClaimObservers, SimilarClaims],
  exports: [ClaimsService, HistoryService, ClaimObservers],
})
export class ClaimsModule {}
