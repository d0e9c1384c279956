import { Module } from '@nestjs/common';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';
import { SuggestionsService } from './suggestions.service';
import { Source } from './source.entity';

export const SOURCES_ENTITIES = [Source];

@Module({ controllers: [SourcesController], providers: [SourcesService, SuggestionsService], exports: [SourcesService] })
export class SourcesModule {}
