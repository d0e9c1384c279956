import { Module } from '@nestjs/common';
import { EventLog } from './event-log';
import { LiveRelay } from './live-relay';
import { LiveStreamHead } from './live-stream-head.entity';
import { OutboxEvent } from './outbox-event.entity';

export const EVENTS_ENTITIES = [OutboxEvent, LiveStreamHead];

/**
 * The event log every domain writes what happened into (see EventLog), and the relay that
 * publishes its live rows after commit (LiveRelay), in every process.
 */
@Module({
  providers: [EventLog, LiveRelay],
  exports: [EventLog, LiveRelay],
})
export class EventsModule {}
