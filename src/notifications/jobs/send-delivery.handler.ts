import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../queues/job-handler';
import { JobName, type JobPayloads } from '../../queues/jobs';
import { DeliveriesService } from '../deliveries.service';

/** One attempt of one delivery (webhook or e-mail). */
@Injectable()
@HandlesJob(JobName.SendDelivery)
export class SendDeliveryHandler implements JobHandler<JobName.SendDelivery> {
  constructor(private readonly deliveries: DeliveriesService) {}

  handle({ deliveryId, attempt }: JobPayloads[JobName.SendDelivery]): Promise<void> {
    return this.deliveries.send(deliveryId, attempt);
  }
}
