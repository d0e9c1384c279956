import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../queues/job-handler';
import { JobName } from '../../queues/jobs';
import { EscalationService } from '../escalation.service';

/** Every few seconds, on one worker: tell editors about dates missed by more than escalateAfter. */
@Injectable()
@HandlesJob(JobName.SweepEscalations)
export class EscalationsSweepHandler implements JobHandler<JobName.SweepEscalations> {
  constructor(private readonly escalation: EscalationService) {}

  async handle(): Promise<void> {
    await this.escalation.escalateDue();
  }
}
