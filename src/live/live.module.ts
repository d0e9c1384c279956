import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveCredentials } from './credentials';
import { LiveController } from './live.controller';
import { LiveHub } from './live-hub';
import { LiveStore } from './live-store';

/**
 * GET /v1/events on the API hosts. The events themselves are written by every domain into the
 * outbox and published after commit by events/LiveRelay, in whichever process committed them.
 */
@Module({
  imports: [AccountsModule],
  controllers: [LiveController],
  providers: [LiveHub, LiveStore, LiveCredentials],
})
export class LiveModule {}
