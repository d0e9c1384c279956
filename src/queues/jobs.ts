/**
 * Every queue and job of claimtrack, with the payload each job carries (style.md, "Jobs").
 * Payloads carry ids only: a job re-reads PostgreSQL, which is the truth; Redis is the trigger.
 */
export enum QueueName {
  /** Delayed "something falls due at this instant" jobs. */
  Reminders = 'reminders',
  /** Outbound effects: fanning an event out to webhooks, sending one webhook or e-mail. */
  Deliveries = 'deliveries',
  /** Housekeeping on schedules. */
  Maintenance = 'maintenance',
}

export enum JobName {
  PurgeIdempotencyKeys = 'maintenance.purge-idempotency-keys',
}

export interface JobPayloads {
  [JobName.PurgeIdempotencyKeys]: Record<string, never>;
}

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.PurgeIdempotencyKeys]: QueueName.Maintenance,
};

export const ALL_QUEUES = Object.values(QueueName);

/**
 * Recurring jobs, registered with BullMQ's job schedulers by every worker at start (an
 * upsert: many workers, one schedule) and re-asserted periodically, so that a flushed Redis
 * gets them back within seconds.
 */
export const SCHEDULES: Array<{ id: string; name: JobName; everyMs: number }> = [
  { id: 'purge-idempotency-keys', name: JobName.PurgeIdempotencyKeys, everyMs: 10 * 60_000 },
];
