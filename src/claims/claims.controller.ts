import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtension, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, WriteConfirmsToken, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { etagOf, versionFromIfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ListOf, PageOf } from '../common/pagination/page-view';
import type { Page } from '../common/pagination/pagination';
import { ClaimSearch } from './claim-search';
import { claimViewFor } from './claim.view';
import { ClaimsService } from './claims.service';
import { ClaimListQuery, SimilarTextQuery } from './dto/claim-list.query';
import { CreateClaimDto, TransitionDto, UpdateClaimDto } from './dto/claim.dto';
import { ClaimView, CreatedClaimView, SimilarClaimView } from './dto/claim.view';
import { HistoryEventViewDto } from './history/history.view';
import { HistoryService, type HistoryEventView } from './history/history.service';
import { lifecycleMarkdown, lifecycleTable } from './lifecycle';
import { MATCH_THRESHOLD } from './matching/claim-fingerprint';
import { CREATED_SIMILAR_LIMIT, SIMILAR_LIMIT, SimilarClaims } from './similar-claims';
import { RATINGS_BY_KIND } from './vocabulary';
import { TransitionsService } from './transitions.service';

/** A draft is no claim yet: no id of a real claim to leave out of its matches. */
const NO_CLAIM = '00000000-0000-0000-0000-000000000000';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag of the version you read ("<version>"); missing: 428, stale: 412' };

@ApiTags('claims')
@Controller('v1/claims')
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly search: ClaimSearch,
    private readonly transitions: TransitionsService,
    private readonly history: HistoryService,
    private readonly similar: SimilarClaims,
  ) {}

  @Post()
  @Idempotent()
  @WriteConfirmsToken()
  @ApiOperation({ summary: 'Track a new claim (status submitted); answers the claims that look like it', operationId: 'createClaim' })
  @ApiCreatedResponse({ type: CreatedClaimView, headers: { ETag: { description: '"<version>"', schema: { type: 'string' } } } })
  @ApiProblems('VALIDATION_FAILED', 'GUARD_FAILED', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateClaimDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CreatedClaimView> {
    const { claim, similar } = await this.claims.createAndMatch(actor, dto);
    reply.header('etag', etagOf(claim.version));
    return { ...claimViewFor(claim), similar };
  }

  @Get()
  @ApiOperation({ summary: 'List and search claims', operationId: 'listClaims' })
  @ApiOkResponse({ type: PageOf(ClaimView) })
  @ApiProblems('VALIDATION_FAILED')
  async list(@CurrentActor() actor: Actor, @Query() query: ClaimListQuery): Promise<Page<ClaimView>> {
    const page = await this.search.list(actor, query);
    return { items: page.items.map(claimViewFor), nextCursor: page.nextCursor };
  }

  @Get('similar')
  @ApiOperation({
    summary: 'Claims of the workspace that say nearly the same thing as a text not tracked yet, best first',
    description: `The same matching as GET /v1/claims/{id}/similar, for a draft: a client shows what was already checked while a claim is typed, before POST /v1/claims. Up to ${SIMILAR_LIMIT}.`,
    operationId: 'findSimilarClaims',
  })
  @ApiOkResponse({ type: ListOf(SimilarClaimView) })
  @ApiProblems('VALIDATION_FAILED')
  async findSimilar(@CurrentActor() actor: Actor, @Query() query: SimilarTextQuery): Promise<{ items: SimilarClaimView[] }> {
    return { items: await this.similar.find(actor.workspaceId, NO_CLAIM, query.text, SIMILAR_LIMIT) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One claim, with its ETag', operationId: 'getClaim' })
  @ApiOkResponse({ type: ClaimView })
  @ApiProblems('NOT_FOUND')
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ClaimView> {
    const claim = await this.claims.get(actor, id);
    reply.header('etag', etagOf(claim.version));
    return claimViewFor(claim);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a claim (If-Match required)', operationId: 'updateClaim' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ClaimView })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND', 'PRECONDITION_FAILED', 'PRECONDITION_REQUIRED', 'GUARD_FAILED')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateClaimDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimView> {
    const claim = await this.claims.update(actor, id, versionFromIfMatch(ifMatch), dto);
    reply.header('etag', etagOf(claim.version));
    return claimViewFor(claim);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a claim through the lifecycle (If-Match required)',
    description: `Roles are checked before guards. Any pair not in this table is 409 ILLEGAL_TRANSITION with \`allowed\`.\n\n${lifecycleMarkdown()}`,
    operationId: 'transitionClaim',
  })
  // The same table as data, for clients that offer only the moves allowed (the desk's are generated from it).
  @ApiExtension('x-lifecycle', lifecycleTable())
  @ApiExtension('x-ratings', RATINGS_BY_KIND)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ClaimView })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION', 'PRECONDITION_FAILED', 'GUARD_FAILED', 'PRECONDITION_REQUIRED')
  async transition(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: TransitionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimView> {
    const claim = await this.transitions.transition(actor, id, versionFromIfMatch(ifMatch), dto);
    reply.header('etag', etagOf(claim.version));
    return claimViewFor(claim);
  }

  @Get(':id/history')
  @ApiOperation({ summary: "The claim's append-only timeline, oldest first", operationId: 'getClaimHistory' })
  @ApiOkResponse({ type: ListOf(HistoryEventViewDto) })
  @ApiProblems('NOT_FOUND')
  async getHistory(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<{ items: HistoryEventView[] }> {
    await this.claims.get(actor, id);
    return { items: await this.history.list(actor.workspaceId, id) };
  }

  @Get(':id/similar')
  @ApiOperation({
    summary: 'Claims of the workspace that say nearly the same thing, best first',
    description: `Every claim scoring at least ${MATCH_THRESHOLD} (shared content words over all content words), up to ${SIMILAR_LIMIT}. The 201 of POST /v1/claims carries the first ${CREATED_SIMILAR_LIMIT}.`,
    operationId: 'getSimilarClaims',
  })
  @ApiOkResponse({ type: ListOf(SimilarClaimView) })
  @ApiProblems('NOT_FOUND')
  async getSimilar(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<{ items: SimilarClaimView[] }> {
    const claim = await this.claims.get(actor, id);
    return { items: await this.similar.find(actor.workspaceId, claim.id, claim.text, SIMILAR_LIMIT) };
  }
}
