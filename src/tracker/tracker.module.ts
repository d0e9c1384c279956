import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { TrackerEntry } from './tracker-entry.entity';
import { TrackerFeed } from './tracker-feed';
import { TrackerPages } from './tracker-pages';
import { TrackerPublication } from './tracker-publication.entity';
import { TrackerPublisher } from './tracker-publisher';
import { TrackerReader } from './tracker-reader';
import { TrackerController } from './tracker.controller';
import { TrackerService } from './tracker.service';

export const TRACKER_ENTITIES = [TrackerEntry, TrackerPublication];

/**
 * The public promise tracker: the copy of what was published (TrackerPublisher, reacting to
 * claims in their own transaction) and the pages and feeds that show it at /t/<slug>. Imported
 * by the HTTP application — where claims are published and pages are served — and never by the
 * worker, which publishes nothing.
 */
@Module({
  imports: [ClaimsModule],
  controllers: [TrackerController],
  providers: [TrackerPublisher, TrackerReader, TrackerPages, TrackerFeed, TrackerService],
})
export class TrackerModule {}
