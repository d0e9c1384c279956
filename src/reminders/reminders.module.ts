import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ClaimReactions } from './claim-reactions';
import { FiringService } from './firing.service';
import { FireDueHandler } from './jobs/fire-due.handler';
import { RemindersSweepHandler } from './jobs/reminders-sweep.handler';
import { ReminderTimers } from './reminder-timers';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';
import { ReminderFiring } from './reminder-firing.entity';
import { Reminder } from './reminder.entity';

export const REMINDERS_ENTITIES = [Reminder, ReminderFiring];

/** Reminders: they live in PostgreSQL; Redis only holds timers for the next minute. */
@Module({
  imports: [ClaimsModule, NotificationsModule],
  controllers: [RemindersController],
  providers: [RemindersService, ReminderTimers, FiringService, ClaimReactions, FireDueHandler, RemindersSweepHandler],
})
export class RemindersModule {}
