import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../database/transaction';
import { HandlesJob, type JobHandler } from '../../queues/job-handler';
import { JobName } from '../../queues/jobs';
import { DeliverySender } from '../delivery-sender';
import { Notifier } from '../notifier.service';

const BATCH = 500;

/**
 * Every second: fan claim events out of the outbox into webhook deliveries (several workers
 * share the work through SKIP LOCKED), then give lost delivery jobs a second chance.
 */
@Injectable()
@HandlesJob(JobName.SweepDeliveries)
export class DeliveriesSweepHandler implements JobHandler<JobName.SweepDeliveries> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
    private readonly deliveries: DeliverySender,
  ) {}

  async handle(): Promise<void> {
    while ((await inTransaction(this.dataSource, (tx) => this.notifier.dispatchPending(tx, BATCH))) === BATCH) {
      // a full batch: there may be more
    }
    await this.deliveries.rescueOverdue(BATCH);
  }
}
