import type { Job } from 'bullmq';

/**
 * Every queue and job of claimtrack, with the payload each job carries (docs/architecture.md, "Jobs").
 * Payloads carry ids only: a job re-reads PostgreSQL, which is the truth; Redis is the trigger.
 */
export enum QueueName {
  /** Timers: "reminders fall due at this instant". */
  Reminders = 'reminders',
  /** Outbound effects: one webhook call or one e-mail each. */
  Deliveries = 'deliveries',
  /** The periodic sweeps (BullMQ job schedulers) that back the fast paths up. */
  Maintenance = 'maintenance',
}

export enum JobName {
  FireDueReminders = 'reminders.fire-due',
  SweepReminders = 'reminders.sweep',
  SendDeliveries = 'deliveries.send',
  SweepDeliveries = 'deliveries.sweep',
  PurgeIdempotencyKeys = 'maintenance.purge-idempotency-keys',
  PurgeLiveEvents = 'maintenance.purge-live-events',
  SweepDigests = 'digests.sweep',
  SweepEscalations = 'escalations.sweep',
  NotifyActivity = 'activity.notify',
  SweepActivity = 'activity.sweep',
}

export interface JobPayloads {
  /** Fire every reminder due at or before `dueAt` (ISO timestamp). */
  [JobName.FireDueReminders]: { dueAt: string };
  [JobName.SweepReminders]: Record<string, never>;
  /** One attempt (numbered from 1) of each of these deliveries; first attempts go in batches. */
  [JobName.SendDeliveries]: { deliveries: Array<{ id: string; attempt: number }> };
  [JobName.SweepDeliveries]: Record<string, never>;
  [JobName.PurgeIdempotencyKeys]: Record<string, never>;
  /** Drop live events older than a day: streams resume from at most an hour back. */
  [JobName.PurgeLiveEvents]: Record<string, never>;
  /** Send the digests of everyone whose local digest time has passed today and who has none yet. */
  [JobName.SweepDigests]: Record<string, never>;
  /** Escalate claims whose date was missed by the workspace's escalateAfter. */
  [JobName.SweepEscalations]: Record<string, never>;
  /** Tell followers what is pending (set-based; the id names the activity that asked). */
  [JobName.NotifyActivity]: { activityId: string };
  [JobName.SweepActivity]: Record<string, never>;
}

/** A job as a worker receives it: its name fixes its payload's type. */
export type JobOf<N extends JobName> = Job<JobPayloads[N], void, N>;

/** Any one job of claimtrack: a union over the job names, so that `name` narrows `data`. */
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];

const JOB_NAMES: ReadonlySet<string> = new Set(Object.values(JobName));

/** Whether a job taken from Redis is one of ours (a job written by an older or newer release may not be). */
export function isKnownJob(job: Job<unknown, unknown, string>): job is AnyJob {
  return JOB_NAMES.has(job.name);
}

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.FireDueReminders]: QueueName.Reminders,
  [JobName.SweepReminders]: QueueName.Maintenance,
  [JobName.SendDeliveries]: QueueName.Deliveries,
  [JobName.SweepDeliveries]: QueueName.Maintenance,
  [JobName.PurgeIdempotencyKeys]: QueueName.Maintenance,
  [JobName.PurgeLiveEvents]: QueueName.Maintenance,
  [JobName.SweepDigests]: QueueName.Maintenance,
  [JobName.SweepEscalations]: QueueName.Maintenance,
  // Turning events into deliveries, beside the sends.
  [JobName.NotifyActivity]: QueueName.Deliveries,
  [JobName.SweepActivity]: QueueName.Maintenance,
};

export const ALL_QUEUES = Object.values(QueueName);

/** Reminder timers go off at the end of the 100 ms step in which a reminder falls due. */
export const TIMER_STEP_MS = 100;

export function timerInstant(dueAt: Date): Date {
  return new Date(Math.ceil(dueAt.getTime() / TIMER_STEP_MS) * TIMER_STEP_MS);
}

/**
 * Deterministic job ids (no `:`, BullMQ guide "job-ids"): adding a job whose id exists is a
 * no-op, so the fast path and the sweeps may both enqueue without doubling work.
 */
export const jobIds = {
  /** One timer per TIMER_STEP_MS step: a second of reminders sets ten timers, not a thousand. */
  fireDue: (at: Date) => `due-${timerInstant(at).getTime()}`,
  /** Named after the first delivery of the batch and its attempt. */
  send: (deliveryId: string, attempt: number) => `send-${deliveryId}-${attempt}`,
  /** A sweep's second chance for deliveries whose job was lost: at most one a minute. */
  rescue: (deliveryId: string, attempt: number, now: Date) => `rescue-${deliveryId}-${attempt}-${Math.floor(now.getTime() / 60_000)}`,
};

/**
 * Recurring jobs, registered with BullMQ's job schedulers by every worker at start (an
 * upsert: many workers, one schedule) and re-asserted periodically, so that a flushed Redis
 * gets them back within seconds.
 */
export const SCHEDULES: Array<{ id: string; name: JobName; everyMs: number }> = [
  { id: 'sweep-reminders', name: JobName.SweepReminders, everyMs: 1000 },
  { id: 'sweep-deliveries', name: JobName.SweepDeliveries, everyMs: 1000 },
  { id: 'purge-idempotency-keys', name: JobName.PurgeIdempotencyKeys, everyMs: 10 * 60_000 },
  { id: 'purge-live-events', name: JobName.PurgeLiveEvents, everyMs: 10 * 60_000 },
  // Digests are due at a time of day in each person's zone: a sweep finds who is due (and who
  // missed theirs during an outage) from PostgreSQL, so no per-person schedule lives in Redis.
  { id: 'sweep-digests', name: JobName.SweepDigests, everyMs: 5000 },
  { id: 'sweep-escalations', name: JobName.SweepEscalations, everyMs: 5000 },
  { id: 'sweep-activity', name: JobName.SweepActivity, everyMs: 1000 },
];
