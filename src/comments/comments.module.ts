import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CommentMention } from './comment-mention.entity';
import { Comment } from './comment.entity';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';
import { MentionsService } from './mentions.service';

export const COMMENTS_ENTITIES = [Comment, CommentMention];

/** The conversation on a claim: comments, mentions, and what followers are told. */
@Module({
  imports: [ClaimsModule, NotificationsModule],
  controllers: [CommentsController],
  providers: [CommentsService, MentionsService],
})
export class CommentsModule {}
