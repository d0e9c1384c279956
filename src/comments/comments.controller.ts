import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { PageOf } from '../common/pagination/page-view';
import { PageQuery, type Page } from '../common/pagination/pagination';
import { CommentsService } from './comments.service';
import { CommentView, CreateCommentDto, UpdateCommentDto } from './dto/comment.dto';

@ApiTags('comments')
@Controller('v1')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post('claims/:id/comments')
  @Idempotent()
  @ApiOperation({ summary: 'Comment on a claim (Markdown); the people it mentions are notified', operationId: 'createComment' })
  @ApiCreatedResponse({ type: CommentView })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND', 'IDEMPOTENCY_KEY_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentActor() actor: Actor, @Param('id', UuidParam) claimId: string, @Body() dto: CreateCommentDto): Promise<CommentView> {
    return this.comments.create(actor, claimId, dto);
  }

  @Get('claims/:id/comments')
  @ApiOperation({ summary: "A claim's comments, oldest first", operationId: 'listComments' })
  @ApiOkResponse({ type: PageOf(CommentView) })
  @ApiProblems('VALIDATION_FAILED', 'NOT_FOUND')
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) claimId: string, @Query() query: PageQuery): Promise<Page<CommentView>> {
    return this.comments.list(actor, claimId, query.limit, query.cursor);
  }

  @Patch('comments/:id')
  @ApiOperation({ summary: 'Edit a comment (its author only), or resolve or reopen it (anyone)', operationId: 'updateComment' })
  @ApiOkResponse({ type: CommentView })
  @ApiProblems('VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: UpdateCommentDto): Promise<CommentView> {
    return this.comments.update(actor, id, dto);
  }

  @Delete('comments/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a comment (its author or an admin); the timeline keeps that it was deleted', operationId: 'deleteComment' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems('FORBIDDEN', 'NOT_FOUND')
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.comments.remove(actor, id);
  }
}
