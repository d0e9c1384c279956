import { SetMetadata, type Type } from '@nestjs/common';
import type { JobName, JobOf, JobPayloads } from './jobs';

export const JOB_HANDLER = 'claimtrack:job-handler';

/** The code behind one job name; lives in the domain folder that owns the work. */
export interface JobHandler<N extends JobName> {
  handle(payload: JobPayloads[N], job: JobOf<N>): Promise<void>;
}

/**
 * Marks a provider as the handler of `name`. Exactly one handler per job name (JobRegistry).
 * The class must handle that job's payload: `@HandlesJob(JobName.SendDeliveries)` on a class
 * whose `handle` takes another job's payload does not compile (src/queues/job-registry.spec.ts).
 */
export const HandlesJob = <N extends JobName>(name: N) => SetMetadata(JOB_HANDLER, name) as <T extends Type<JobHandler<N>>>(target: T) => void;
