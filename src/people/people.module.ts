import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { MeController } from './me.controller';
import { PeopleService } from './people.service';
import { SignInCode } from './sign-in-code.entity';
import { SignInController } from './sign-in.controller';
import { SignInThrottle } from './sign-in-throttle';

/** The tables people/ maps (src/entities.ts assembles every module's). */
export const PEOPLE_ENTITIES = [SignInCode];

/** People sign in to the desk: invitations, passwords, sessions, resets. */
@Module({
  imports: [AccountsModule, NotificationsModule],
  controllers: [SignInController, MeController],
  providers: [PeopleService, SignInThrottle],
  exports: [PeopleService],
})
export class PeopleModule {}
