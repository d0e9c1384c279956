import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OutboxEvent } from '../events/outbox-event.entity';
import { Reminder } from './reminder.entity';

/**
 * One occurrence of a reminder, recorded once: the primary key (reminder, occurrence) is the
 * last guard against a firing done twice by workers that crash or run side by side.
 */
@Entity({ name: 'reminder_firings' })
@Index('reminder_firings_event_key', ['eventId'], { unique: true })
export class ReminderFiring {
  @PrimaryColumn({ name: 'reminder_id', type: 'uuid' })
  reminderId: string;

  @PrimaryColumn({ type: 'int' })
  occurrence: number;

  @ManyToOne(() => Reminder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reminder_id' })
  reminder?: Reminder;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3 })
  dueAt: Date;

  @Column({ name: 'fired_at', type: 'timestamptz', precision: 3 })
  firedAt: Date;

  /** The `reminder.due` event that carries this occurrence to people and webhooks. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  /** Deferred: the firing is recorded first, so that only a first recording publishes. */
  @ManyToOne(() => OutboxEvent, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'event_id' })
  event?: OutboxEvent;
}
