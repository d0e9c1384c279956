import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { PageQuery, type Page } from '../common/pagination/pagination';
import { PageOf } from '../common/pagination/page-view';
import { CreateEvidenceDto, EvidenceView } from './dto/evidence.dto';
import { EvidenceService } from './evidence.service';

@ApiTags('evidence')
@Controller('v1/claims/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Add evidence to a claim (not to a published one)', operationId: 'addEvidence' })
  @ApiCreatedResponse({ type: EvidenceView })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  add(@CurrentActor() actor: Actor, @Param('id', UuidParam) claimId: string, @Body() dto: CreateEvidenceDto): Promise<EvidenceView> {
    return this.evidence.add(actor, claimId, dto);
  }

  @Get()
  @ApiOperation({ summary: "A claim's evidence, oldest first", operationId: 'listEvidence' })
  @ApiOkResponse({ type: PageOf(EvidenceView) })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND')
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) claimId: string, @Query() query: PageQuery): Promise<Page<EvidenceView>> {
    return this.evidence.list(actor, claimId, query.limit, query.cursor);
  }

  @Delete(':evidenceId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove evidence (not from a published claim)', operationId: 'removeEvidence' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems('NOT_FOUND', 'CONFLICT')
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) claimId: string, @Param('evidenceId', UuidParam) evidenceId: string): Promise<void> {
    await this.evidence.remove(actor, claimId, evidenceId);
  }
}
