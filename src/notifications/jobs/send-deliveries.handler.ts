import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../queues/job-handler';
import { JobName, type JobPayloads } from '../../queues/jobs';
import { DeliverySender } from '../delivery-sender';

/** One attempt of each delivery of the job (webhooks and e-mails). */
@Injectable()
@HandlesJob(JobName.SendDeliveries)
export class SendDeliveriesHandler implements JobHandler<JobName.SendDeliveries> {
  constructor(private readonly deliveries: DeliverySender) {}

  handle({ deliveries }: JobPayloads[JobName.SendDeliveries]): Promise<void> {
    return this.deliveries.send(deliveries);
  }
}
