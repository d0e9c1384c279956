import type { JobRequest } from '../queues/job-queue.service';
import { jobIds, JobName } from '../queues/jobs';

/** Deliveries per send job. */
const SEND_BATCH = 50;

/** Send jobs for these attempts: up to `SEND_BATCH` deliveries each. */
export function sendJobs(deliveries: Array<{ id: string; attempt: number }>, runAt?: Date): JobRequest[] {
  const jobs: JobRequest[] = [];
  for (let i = 0; i < deliveries.length; i += SEND_BATCH) {
    const batch = deliveries.slice(i, i + SEND_BATCH);
    jobs.push({ name: JobName.SendDeliveries, payload: { deliveries: batch }, jobId: jobIds.send(batch[0].id, batch[0].attempt), runAt });
  }
  return jobs;
}
