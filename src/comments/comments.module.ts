import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ActivityLog } from './activity/activity-log';
import { ActivityNotifier } from './activity/activity-notifier';
import { ClaimActivity } from './activity/claim-activity.entity';
import { CommentMention } from './comment-mention.entity';
import { Comment } from './comment.entity';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';
import { ActivitySweepHandler } from './jobs/activity-sweep.handler';
import { NotifyActivityHandler } from './jobs/notify-activity.handler';
import { MentionsService } from './mentions.service';

export const COMMENTS_ENTITIES = [Comment, CommentMention, ClaimActivity];

/** The conversation on a claim: comments, mentions, and what followers are told. */
@Module({
  imports: [ClaimsModule, NotificationsModule],
  controllers: [CommentsController],
  providers: [CommentsService, MentionsService, ActivityLog, ActivityNotifier, NotifyActivityHandler, ActivitySweepHandler],
})
export class CommentsModule {}
