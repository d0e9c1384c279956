import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JOB_HANDLER, type JobHandler } from './job-handler';
import { JobName } from './jobs';

/**
 * Finds the handler of every job name when a worker starts, and refuses to start when a job
 * name has no handler or two (a job nobody processes would wait in Redis forever).
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandler>();

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
      this.handlers.set(name, instance as JobHandler);
    }
    const problems: string[] = [];
    for (const name of Object.values(JobName)) {
      const classes = found.get(name) ?? [];
      if (classes.length === 0) problems.push(`job "${name}" has no handler`);
      if (classes.length > 1) problems.push(`job "${name}" has ${classes.length} handlers: ${classes.join(', ')}`);
    }
    if (problems.length > 0) throw new Error(`Refusing to start the worker: ${problems.join('; ')}`);
  }

  handlerFor(name: string): JobHandler {
    const handler = this.handlers.get(name as JobName);
    if (!handler) throw new Error(`no handler for job "${name}"`);
    return handler;
  }
}
