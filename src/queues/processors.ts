import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobRegistry } from './job-registry';
import { LocalWorkers } from './local-workers';
import { QueueName } from './jobs';

/**
 * One BullMQ worker per queue, each handing jobs to the handler of their name. Errors
 * propagate so that BullMQ retries with backoff; a handler throws `UnrecoverableError` for
 * work that can never succeed.
 */
@Injectable()
abstract class DispatchingProcessor extends WorkerHost implements OnApplicationBootstrap {
  protected readonly logger = new Logger(this.constructor.name);
  protected abstract readonly queueName: QueueName;

  constructor(
    private readonly registry: JobRegistry,
    private readonly localWorkers: LocalWorkers,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.localWorkers.register(this.queueName, this.worker);
  }

  async process(job: Job): Promise<void> {
    let handler;
    try {
      handler = this.registry.handlerFor(job.name);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    await handler.handle(job.data, job);
  }
}

/** Firing is set-based (hundreds of reminders per job), so a few at a time is plenty. */
@Processor(QueueName.Reminders, { concurrency: 2 })
export class RemindersProcessor extends DispatchingProcessor {
  protected readonly queueName = QueueName.Reminders;
}

/** Webhook and e-mail sends wait on the network: 20 jobs at once, each sending 10 at a time. */
@Processor(QueueName.Deliveries, { concurrency: 20 })
export class DeliveriesProcessor extends DispatchingProcessor {
  protected readonly queueName = QueueName.Deliveries;
}

@Processor(QueueName.Maintenance, { concurrency: 1 })
export class MaintenanceProcessor extends DispatchingProcessor {
  protected readonly queueName = QueueName.Maintenance;
}
