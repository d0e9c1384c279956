import { Module } from '@nestjs/common';
import { AccountsBootstrap } from './accounts.bootstrap';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';

@Module({
  controllers: [AccountsController],
  providers: [AccountsService, AuthService, AuthGuard, AccountsBootstrap],
  exports: [AccountsService, AuthService, AuthGuard],
})
export class AccountsModule {}
