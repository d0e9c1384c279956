import { ApiToken } from '../accounts/api-token.entity';
import { User } from '../accounts/user.entity';
import { Workspace } from '../accounts/workspace.entity';
import { InstanceKey } from '../common/crypto/instance-key.entity';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity';
import { Claim } from '../claims/claim.entity';
import { ClaimEvent } from '../claims/history/claim-event.entity';
import { Evidence } from '../evidence/evidence.entity';
import { Delivery } from '../notifications/delivery.entity';
import { InboxNotification } from '../notifications/inbox-notification.entity';
import { OutboxEvent } from '../notifications/outbox-event.entity';
import { Webhook } from '../notifications/webhook.entity';
import { ReminderFiring } from '../reminders/reminder-firing.entity';
import { Reminder } from '../reminders/reminder.entity';
import { Source } from '../sources/source.entity';

/** Every mapped table; the schema itself is owned by migrations/. */
export const ENTITIES = [
  Workspace,
  User,
  ApiToken,
  IdempotencyKey,
  InstanceKey,
  Source,
  Claim,
  ClaimEvent,
  Evidence,
  OutboxEvent,
  Delivery,
  InboxNotification,
  Webhook,
  Reminder,
  ReminderFiring,
];
