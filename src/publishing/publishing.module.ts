import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { PublishingController } from './publishing.controller';
import { PublishingService } from './publishing.service';

@Module({ imports: [ClaimsModule], controllers: [PublishingController], providers: [PublishingService] })
export class PublishingModule {}
