import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../queues/job-handler';
import { JobName } from '../../queues/jobs';
import { DigestsService } from '../digests.service';

/** Every few seconds, on one worker: send the digests whose local time has come (or passed today). */
@Injectable()
@HandlesJob(JobName.SweepDigests)
export class DigestsSweepHandler implements JobHandler<JobName.SweepDigests> {
  constructor(private readonly digests: DigestsService) {}

  async handle(): Promise<void> {
    await this.digests.sendDue();
  }
}
