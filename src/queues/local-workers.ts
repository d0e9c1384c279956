import { Injectable } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { QueueName } from './jobs';

/**
 * The BullMQ workers running in this process, so that urgent work can hold back less urgent
 * work sharing the same event loop: while a burst of reminders fires, this process takes no
 * new send jobs (other processes still do). In an API-only process nothing is registered and
 * holding is a no-op.
 */
@Injectable()
export class LocalWorkers {
  private readonly workers = new Map<QueueName, Worker>();
  private readonly holds = new Map<QueueName, number>();

  register(queue: QueueName, worker: Worker): void {
    this.workers.set(queue, worker);
  }

  /**
   * Runs `work` while the local worker of `queue` takes no new jobs (those running finish).
   * The hold outlasts `work` by `lingerMs`, so that back-to-back bursts keep it.
   */
  async holding<T>(queue: QueueName, work: () => Promise<T>, lingerMs = 0): Promise<T> {
    const worker = this.workers.get(queue);
    if (!worker) return work();
    const holds = this.holds.get(queue) ?? 0;
    this.holds.set(queue, holds + 1);
    if (holds === 0 && !worker.isPaused()) await worker.pause(true);
    try {
      return await work();
    } finally {
      const release = () => {
        const left = (this.holds.get(queue) ?? 1) - 1;
        this.holds.set(queue, left);
        if (left === 0) void worker.resume();
      };
      if (lingerMs > 0) setTimeout(release, lingerMs).unref();
      else release();
    }
  }
}
