import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { PageQuery, type Page } from '../common/pagination/pagination';
import { ListOf, PageOf } from '../common/pagination/page-view';
import { CreateSourceDto, SourceView, SuggestionView } from './dto/sources.dto';
import { SourcesService, sourceView } from './sources.service';
import { SuggestionsService } from './suggestions.service';

@ApiTags('sources')
@Controller('v1/sources')
export class SourcesController {
  constructor(
    private readonly sources: SourcesService,
    private readonly suggestionsService: SuggestionsService,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Record a source: an article, transcript or speech', operationId: 'createSource' })
  @ApiCreatedResponse({ type: SourceView })
  @ApiProblems('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateSourceDto): Promise<SourceView> {
    return sourceView(await this.sources.create(actor, dto));
  }

  @Get()
  @ApiOperation({ summary: "List the workspace's sources, newest first", operationId: 'listSources' })
  @ApiOkResponse({ type: PageOf(SourceView) })
  @ApiProblems('VALIDATION_FAILED')
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<SourceView>> {
    return this.sources.list(actor, query.limit, query.cursor);
  }

  @Get(':id/suggestions')
  @ApiOperation({ summary: "Candidate claims in the source's text, most check-worthy first", operationId: 'getSourceSuggestions' })
  @ApiOkResponse({ type: ListOf(SuggestionView) })
  @ApiProblems('NOT_FOUND')
  async suggestions(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<{ items: SuggestionView[] }> {
    return { items: await this.suggestionsService.suggest(actor, id) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One source', operationId: 'getSource' })
  @ApiOkResponse({ type: SourceView })
  @ApiProblems('NOT_FOUND')
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<SourceView> {
    return sourceView(await this.sources.get(actor, id));
  }
}
