import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../queues/job-handler';
import { JobName } from '../../queues/jobs';
import { ActivityNotifier } from '../activity/activity-notifier';

/** Right after a change commits: tell the followers of everything pending (set-based, not just this activity). */
@Injectable()
@HandlesJob(JobName.NotifyActivity)
export class NotifyActivityHandler implements JobHandler<JobName.NotifyActivity> {
  constructor(private readonly activity: ActivityNotifier) {}

  async handle(): Promise<void> {
    await this.activity.notifyPending();
  }
}
