import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../queues/job-handler';
import { JobName } from '../../queues/jobs';
import { ActivityNotifier } from '../activity/activity-notifier';

/** Every second: the backstop for activities whose job was lost (Redis flushed, an enqueue that failed). */
@Injectable()
@HandlesJob(JobName.SweepActivity)
export class ActivitySweepHandler implements JobHandler<JobName.SweepActivity> {
  constructor(private readonly activity: ActivityNotifier) {}

  async handle(): Promise<void> {
    await this.activity.notifyPending();
  }
}
