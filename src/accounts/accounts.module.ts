import { Module } from '@nestjs/common';
import { AccountsBootstrap } from './accounts.bootstrap';
import { AccountsController } from './accounts.controller';
import { CredentialsEnded } from './credentials-ended';
import { AccountsService } from './accounts.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { WorkspaceController } from './workspace.controller';
import { WorkspaceSettingsService } from './workspace-settings.service';
import { ApiToken } from './api-token.entity';
import { Session } from './session.entity';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';

/** The tables accounts/ maps (src/entities.ts assembles every module's). */
export const ACCOUNTS_ENTITIES = [Workspace, User, ApiToken, Session];

@Module({
  controllers: [AccountsController, WorkspaceController],
  providers: [AccountsService, WorkspaceSettingsService, AuthService, AuthGuard, AccountsBootstrap, CredentialsEnded],
  exports: [AccountsService, AuthService, AuthGuard, WorkspaceSettingsService, CredentialsEnded],
})
export class AccountsModule {}
