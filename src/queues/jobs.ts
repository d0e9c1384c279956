/**
 * Every queue and job of claimtrack, with the payload each job carries (style.md, "Jobs").
 * Payloads carry ids only: a job re-reads PostgreSQL, which is the truth; Redis is the trigger.
 */
export enum QueueName {
  /** Delayed "something falls due at this instant" jobs. */
  Reminders = 'reminders',
  /** Outbound effects: fanning an event out to webhooks, sending one webhook or e-mail. */
  Deliveries = 'deliveries',
  /** The periodic sweep (a BullMQ job scheduler) that backs everything else up. */
  Maintenance = 'maintenance',
}

export enum JobName {
  FireDueReminders = 'reminders.fire-due',
  DispatchEvent = 'events.dispatch',
  SendDelivery = 'deliveries.send',
  Sweep = 'maintenance.sweep',
}

export interface JobPayloads {
  /** Fire every reminder due at or before `dueAt` (ISO timestamp). */
  [JobName.FireDueReminders]: { dueAt: string };
  /** Create the webhook deliveries of one outbox event. */
  [JobName.DispatchEvent]: { eventId: string };
  /** Attempt number `attempt` of one delivery (webhook or e-mail). */
  [JobName.SendDelivery]: { deliveryId: string; attempt: number };
  [JobName.Sweep]: Record<string, never>;
}

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.FireDueReminders]: QueueName.Reminders,
  [JobName.DispatchEvent]: QueueName.Deliveries,
  [JobName.SendDelivery]: QueueName.Deliveries,
  [JobName.Sweep]: QueueName.Maintenance,
};

export const ALL_QUEUES = Object.values(QueueName);

/**
 * Deterministic job ids (no `:`, BullMQ guide "job-ids"): adding a job whose id already
 * exists is a no-op, so the sweep and the fast path can both enqueue without doubling work.
 */
export const jobIds = {
  fireDue: (dueAt: Date) => `due-${dueAt.getTime()}`,
  dispatch: (eventId: string) => `dispatch-${eventId}`,
  send: (deliveryId: string, attempt: number) => `send-${deliveryId}-${attempt}`,
};
