import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { Digest } from './digest.entity';
import { DigestsService } from './digests.service';
import { Escalation } from './escalation.entity';
import { EscalationService } from './escalation.service';
import { DigestsSweepHandler } from './jobs/digests-sweep.handler';
import { EscalationsSweepHandler } from './jobs/escalations-sweep.handler';

export const DIGESTS_ENTITIES = [Digest, Escalation];

/** Daily digests and the escalation of missed dates: worker-side sweeps over PostgreSQL. */
@Module({
  imports: [NotificationsModule],
  providers: [DigestsService, EscalationService, DigestsSweepHandler, EscalationsSweepHandler],
})
export class DigestsModule {}
