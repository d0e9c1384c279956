import { Module } from '@nestjs/common';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';
import { SuggestionsService } from './suggestions.service';

@Module({ controllers: [SourcesController], providers: [SourcesService, SuggestionsService], exports: [SourcesService] })
export class SourcesModule {}
