import { Module } from '@nestjs/common';
import { EventLog } from './event-log';
import { OutboxEvent } from './outbox-event.entity';

export const EVENTS_ENTITIES = [OutboxEvent];

/** The event log every domain writes what happened into (see EventLog). */
@Module({
  providers: [EventLog],
  exports: [EventLog],
})
export class EventsModule {}
