import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../queues/job-handler';
import { JobName, type JobPayloads } from '../../queues/jobs';
import { FiringService } from '../firing.service';

/**
 * A timer went off: fire every reminder due by now. The job carries a time, not reminders;
 * what is due, cancelled or already fired is read from PostgreSQL.
 */
@Injectable()
@HandlesJob(JobName.FireDueReminders)
export class FireDueHandler implements JobHandler<JobName.FireDueReminders> {
  constructor(private readonly firing: FiringService) {}

  async handle({ dueAt }: JobPayloads[JobName.FireDueReminders]): Promise<void> {
    const now = Date.now();
    const due = new Date(dueAt).getTime();
    await this.firing.fireDue(new Date(Math.max(now, due)));
  }
}
