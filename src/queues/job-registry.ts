import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JOB_HANDLER, type JobHandler } from './job-handler';
import { JobName, type JobOf } from './jobs';

/** One handler per job name, each typed for its own job. */
type Handlers = { [N in JobName]?: JobHandler<N> };

/**
 * Finds the handler of every job name when a worker starts, and refuses to start when a job
 * name has no handler or two (a job nobody processes would wait in Redis forever).
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers: Handlers = {};

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      const metatype = wrapper.metatype;
      if (!instance || !metatype) continue;
      const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, metatype);
      if (!name) continue;
      found.set(name, [...(found.get(name) ?? []), metatype.name]);
      // @HandlesJob(name) only compiles on a class that is a JobHandler of that name, so what
      // reflection hands back here is one.
      this.register(name, instance as JobHandler<typeof name>);
    }
    const problems: string[] = [];
    for (const name of Object.values(JobName)) {
      const classes = found.get(name) ?? [];
      if (classes.length === 0) problems.push(`job "${name}" has no handler`);
      if (classes.length > 1) problems.push(`job "${name}" has ${classes.length} handlers: ${classes.join(', ')}`);
    }
    if (problems.length > 0) throw new Error(`Refusing to start the worker: ${problems.join('; ')}`);
  }

  /** Runs the job's handler with the job's own payload. */
  run<N extends JobName>(job: JobOf<N>): Promise<void> {
    const handler: Handlers[N] = this.handlers[job.name];
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    return handler.handle(job.data, job);
  }

  private register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    (this.handlers as Record<N, JobHandler<N>>)[name] = handler;
  }
}
