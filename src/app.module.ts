import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module';
import { ConfirmTokenOnError } from './accounts/confirm-token.interceptor';
import { AuthGuard } from './accounts/auth.guard';
import { CalendarsModule } from './calendars/calendars.module';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor';
import type { AppConfig } from './config/env';
import { ClaimsModule } from './claims/claims.module';
import { CommentsModule } from './comments/comments.module';
import { CoreModule } from './core.module';
import { EvidenceModule } from './evidence/evidence.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PeopleModule } from './people/people.module';
import { PublishingModule } from './publishing/publishing.module';
import { RemindersModule } from './reminders/reminders.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { SourcesModule } from './sources/sources.module';
import { TrackerModule } from './tracker/tracker.module';
import { WorkerModule } from './worker.module';
import { UnknownInputGuard } from './common/http/unknown-input.guard';

/**
 * The HTTP application: every domain module with its routes. With `APP_ROLE=all` the queue
 * workers run in the same process (WorkerModule); with `api` they do not.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        AccountsModule,
        PeopleModule,
        SourcesModule,
        ClaimsModule,
        EvidenceModule,
        CommentsModule,
        PublishingModule,
        RemindersModule,
        CalendarsModule,
        NotificationsModule,
        HealthModule,
        LiveModule,
        TrackerModule,
        ...(config.appRole === 'all' ? [WorkerModule] : []),
      ],
      providers: [
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_GUARD, useClass: UnknownInputGuard },
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ConfirmTokenOnError },
      ],
    };
  }
}
