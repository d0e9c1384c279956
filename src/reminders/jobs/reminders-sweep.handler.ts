import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../queues/job-handler';
import { JobName } from '../../queues/jobs';
import { FiringService } from '../firing.service';
import { ReminderTimers } from '../reminder-timers';

/** A reminder overdue by more than this has lost its timer (a flushed Redis, a crash). */
const OVERDUE_GRACE_MS = 1000;

/**
 * Every second, on one worker: fire what is overdue (the backstop for lost timers), then set
 * timers for the reminders entering the horizon.
 */
@Injectable()
@HandlesJob(JobName.SweepReminders)
export class RemindersSweepHandler implements JobHandler<JobName.SweepReminders> {
  constructor(
    private readonly firing: FiringService,
    private readonly timers: ReminderTimers,
  ) {}

  async handle(): Promise<void> {
    if (await this.firing.anyOverdue(OVERDUE_GRACE_MS)) await this.firing.fireDue();
    await this.timers.armUpcoming();
  }
}
