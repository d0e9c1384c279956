import type { Schemas } from '../api/client';

export type Webhook = Schemas['WebhookView'];
export type WebhookEvent = Webhook['events'][number];
export type WebhookDelivery = Schemas['WebhookDeliveryView'];

/** The events a webhook may subscribe to, in words. */
export const WEBHOOK_EVENTS: ReadonlyArray<{ value: WebhookEvent; label: string }> = [
  { value: 'claim.created', label: 'A claim is created' },
  { value: 'claim.transitioned', label: 'A claim moves in the lifecycle' },
  { value: 'claim.published', label: 'A claim is published' },
  { value: 'reminder.due', label: 'A reminder is due' },
  { value: 'claim.overdue', label: 'A claim is overdue' },
];

const STATUS_WORDS: Record<WebhookDelivery['status'], string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed, will retry',
  dead: 'Dead',
  skipped: 'Skipped',
};

export function deliveryStatusWord(status: WebhookDelivery['status']): string {
  return STATUS_WORDS[status];
}

/** A delivery's attempts in words: `1 attempt`, `8 attempts`. */
export function attemptsInWords(attempts: number): string {
  return `${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;
}

/** How often to read a delivery log again while one of its deliveries is still being tried; false when none is. */
export function deliveryLogRefresh(deliveries: ReadonlyArray<Pick<WebhookDelivery, 'status'>>): number | false {
  return deliveries.some((d) => d.status === 'pending' || d.status === 'failed') ? 2000 : false;
}
