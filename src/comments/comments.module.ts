import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { Comment } from './comment.entity';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

export const COMMENTS_ENTITIES = [Comment];

/** The conversation on a claim: comments, mentions, and what followers are told. */
@Module({
  imports: [ClaimsModule],
  controllers: [CommentsController],
  providers: [CommentsService],
})
export class CommentsModule {}
