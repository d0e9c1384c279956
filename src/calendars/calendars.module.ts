import { Module } from '@nestjs/common';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarsController } from './calendars.controller';
import { CalendarsService } from './calendars.service';

export const CALENDARS_ENTITIES = [CalendarFeed];

/** Secret iCalendar addresses: each person's reminders in the calendar they already use. */
@Module({
  controllers: [CalendarsController],
  providers: [CalendarsService],
})
export class CalendarsModule {}
