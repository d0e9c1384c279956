import { Injectable, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Job } from 'bullmq';
import { HandlesJob, type JobHandler } from './job-handler';
import type { JobRequest } from './job-queue.service';
import { JobRegistry } from './job-registry';
import { isKnownJob, JobName, type JobPayloads } from './jobs';

// ------------------------------------------------------------------ what must not compile
// `npm run typecheck` fails if any line marked @ts-expect-error below starts compiling.

@Injectable()
class FiresDueReminders implements JobHandler<JobName.FireDueReminders> {
  handle({ dueAt }: JobPayloads[JobName.FireDueReminders]): Promise<void> {
    return Promise.resolve(void dueAt);
  }
}
// A handler of one job declared for another job, whose payload it cannot take:
// @ts-expect-error the delivery job's payload is not the reminder timer's
HandlesJob(JobName.SendDeliveries)(FiresDueReminders);

const misfiled: JobRequest[] = [
  { name: JobName.FireDueReminders, payload: { dueAt: '2026-12-04T06:00:00.000Z' }, jobId: 'due-1' },
  // @ts-expect-error a job request's payload must be its own name's
  { name: JobName.FireDueReminders, payload: { deliveries: [{ id: 'd', attempt: 1 }] }, jobId: 'due-2' },
];

// ------------------------------------------------------------------ the worker's registry

/** A handler class for `name` that records the payloads it was given. */
function handlerOf<N extends JobName>(name: N): Type<JobHandler<N>> & { seen: unknown[] } {
  @Injectable()
  @HandlesJob(name)
  class Handler implements JobHandler<N> {
    static seen: unknown[] = [];
    handle(payload: JobPayloads[N]): Promise<void> {
      Handler.seen.push(payload);
      return Promise.resolve();
    }
  }
  Object.defineProperty(Handler, 'name', { value: `Handler of ${name}` });
  return Handler;
}

async function startRegistry(handlers: Array<Type<unknown>>): Promise<JobRegistry> {
  const module = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [JobRegistry, ...handlers] }).compile();
  await module.init();
  return module.get(JobRegistry);
}

describe('JobRegistry: one handler per job name, or the worker does not start', () => {
  const every = () => Object.values(JobName).map((name) => handlerOf(name));

  it('starts with exactly one handler per job, and hands each job its own payload', async () => {
    const handlers = every();
    const registry = await startRegistry(handlers);
    const job = { name: JobName.FireDueReminders, data: { dueAt: '2026-12-04T06:00:00.000Z' } } as Job<unknown, void, string>;
    expect(isKnownJob(job)).toBe(true);
    if (isKnownJob(job)) await registry.run(job);
    const fireDue = handlers[Object.values(JobName).indexOf(JobName.FireDueReminders)];
    expect(fireDue.seen).toEqual([{ dueAt: '2026-12-04T06:00:00.000Z' }]);
    expect(handlers.filter((h) => h !== fireDue).every((h) => h.seen.length === 0)).toBe(true);
  });

  it('refuses to start when a job has no handler, naming it', async () => {
    const handlers = every().filter((_, i) => Object.values(JobName)[i] !== JobName.SweepDigests);
    await expect(startRegistry(handlers)).rejects.toThrow(`Refusing to start the worker: job "${JobName.SweepDigests}" has no handler`);
  });

  it('refuses to start when a job has two handlers, naming both', async () => {
    const handlers = [...every(), handlerOf(JobName.SendDeliveries)];
    await expect(startRegistry(handlers)).rejects.toThrow(
      `job "${JobName.SendDeliveries}" has 2 handlers: Handler of ${JobName.SendDeliveries}, Handler of ${JobName.SendDeliveries}`,
    );
  });

  it('does not take a job of a name it does not know for one of its own', () => {
    expect(isKnownJob({ name: 'reminders.fire-everything', data: {} } as Job<unknown, void, string>)).toBe(false);
    expect(misfiled).toHaveLength(2);
  });
});
