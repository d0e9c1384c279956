import { Module } from '@nestjs/common';
import { EmailChannel } from './channels/email.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { DeliverySender } from './delivery-sender';
import { DeliveryMetrics } from './delivery-metrics';
import { InboxService } from './inbox.service';
import { DeliveriesSweepHandler } from './jobs/deliveries-sweep.handler';
import { SendDeliveriesHandler } from './jobs/send-deliveries.handler';
import { InboxController, WebhooksController } from './notifications.controller';
import { Notifier } from './notifier.service';
import { EventsModule } from '../events/events.module';
import { WebhooksService } from './webhooks.service';
import { Delivery } from './delivery.entity';
import { InboxNotification } from './inbox-notification.entity';
import { Webhook } from './webhook.entity';

export const NOTIFICATIONS_ENTITIES = [Delivery, InboxNotification, Webhook];

/**
 * Delivers what it is handed: inbox entries, e-mails and signed webhooks, from the event log.
 * It knows nothing of claims or reminders.
 */
@Module({
  imports: [EventsModule],
  controllers: [InboxController, WebhooksController, DeliveriesController],
  providers: [
    Notifier,
    DeliveriesService,
    DeliverySender,
    InboxService,
    WebhooksService,
    WebhookChannel,
    EmailChannel,
    DeliveryMetrics,
    SendDeliveriesHandler,
    DeliveriesSweepHandler,
  ],
  exports: [Notifier, DeliveriesService, EmailChannel],
})
export class NotificationsModule {}
