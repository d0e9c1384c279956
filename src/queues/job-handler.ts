import { SetMetadata, type Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './jobs';

export const JOB_HANDLER = 'claimtrack:job-handler';

/** The code behind one job name; lives in the domain folder that owns the work. */
export interface JobHandler<N extends JobName = JobName> {
  handle(payload: JobPayloads[N], job: Job<JobPayloads[N]>): Promise<void>;
}

/** Marks a provider as the handler of `name`. Exactly one handler per job name (JobRegistry). */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER, name) as <T extends Type<JobHandler>>(target: T) => void;
