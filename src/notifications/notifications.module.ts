import { Module } from '@nestjs/common';
import { EmailChannel } from './channels/email.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { DeliveryMetrics } from './delivery-metrics';
import { InboxService } from './inbox.service';
import { DeliveriesSweepHandler } from './jobs/deliveries-sweep.handler';
import { SendDeliveriesHandler } from './jobs/send-deliveries.handler';
import { InboxController, WebhooksController } from './notifications.controller';
import { Outbox } from './outbox.service';
import { WebhooksService } from './webhooks.service';

/**
 * Delivers what it is handed: inbox entries, e-mails and signed webhooks, from outbox events.
 * It knows nothing of claims or reminders.
 */
@Module({
  controllers: [InboxController, WebhooksController, DeliveriesController],
  providers: [
    Outbox,
    DeliveriesService,
    InboxService,
    WebhooksService,
    WebhookChannel,
    EmailChannel,
    DeliveryMetrics,
    SendDeliveriesHandler,
    DeliveriesSweepHandler,
  ],
  exports: [Outbox, DeliveriesService],
})
export class NotificationsModule {}
