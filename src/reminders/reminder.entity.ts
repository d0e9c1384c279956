import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Claim } from '../claims/claim.entity';

export const REMINDER_KINDS = ['manual', 'follow_up', 'deadline'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const REMINDER_STATUSES = ['scheduled', 'done', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * A reminder lives here, in PostgreSQL; Redis only ever holds a timer for the ones due within
 * the scheduling horizon. `dueAt` is the next occurrence; `firedCount` the occurrences so far.
 */
@Entity({ name: 'reminders' })
@Index('reminders_scheduled_due_idx', ['dueAt'], { where: `status = 'scheduled'` })
@Index('reminders_claim_idx', ['claimId', 'dueAt', 'id'])
@Index('reminders_ws_due_idx', ['workspaceId', 'dueAt', 'id'])
@Index('reminders_ws_status_due_idx', ['workspaceId', 'status', 'dueAt', 'id'])
@Index('reminders_one_deadline_key', ['claimId'], { unique: true, where: `kind = 'deadline' AND status = 'scheduled'` })
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id' })
  claim?: Claim;

  @Column({ type: 'enum', enum: REMINDER_KINDS, enumName: 'reminder_kind' })
  kind: ReminderKind;

  @Column({ type: 'text' })
  message: string;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3 })
  dueAt: Date;

  /** ISO 8601 duration between occurrences (`P1M`, `PT2S`); null for a one-off. */
  @Column({ type: 'text', nullable: true })
  every: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  until: Date | null;

  @Column({ type: 'enum', enum: REMINDER_STATUSES, enumName: 'reminder_status', default: 'scheduled' })
  status: ReminderStatus;

  /** iCalendar SEQUENCE: rises each time the reminder is rescheduled, so calendars update it. */
  @Column({ type: 'int', default: 0 })
  sequence: number;

  @Column({ name: 'fired_count', type: 'int', default: 0 })
  firedCount: number;

  @Column({ name: 'last_fired_at', type: 'timestamptz', precision: 3, nullable: true })
  lastFiredAt: Date | null;

  /** The `dueAt` a Redis timer was set for (null: none yet). */
  @Column({ name: 'enqueued_for', type: 'timestamptz', precision: 3, nullable: true })
  enqueuedFor: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
