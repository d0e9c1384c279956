import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { Tx } from '../database/transaction';
import { Notifier } from '../notifications/notifier.service';
import { findMentions, orderMentioned } from './mentions';

export interface MentionedUser {
  id: string;
  name: string;
  email: string;
}

/** The comment whose mentions are told, as the writer has it in hand. */
export interface MentioningComment {
  id: string;
  workspaceId: string;
  claimId: string;
  claimText: string;
  body: string;
  author: { id: string; name: string };
}

/**
 * Mentions: `@email` and `@[Name]` that name an active user of the comment's workspace (anything
 * else is plain text), and the one `mention` notification each person gets per comment.
 */
@Injectable()
export class MentionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifier: Notifier,
  ) {}

  /** The people of the workspace a body mentions, in the order first named. */
  async resolve(tx: Tx, workspaceId: string, body: string): Promise<MentionedUser[]> {
    const tokens = findMentions(body);
    if (tokens.order.length === 0) return [];
    const users = await tx.rows<MentionedUser>(
      `SELECT id, name, email FROM users
        WHERE workspace_id = $1 AND active
          AND (lower(email) = ANY($2::text[]) OR lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')) = ANY($3::text[]))`,
      [workspaceId, tokens.emails, tokens.names],
    );
    return orderMentioned(tokens, users);
  }

  /**
   * Tells the mentioned who have not been told about this comment yet (never its author). The
   * ledger's primary key decides who is new: of two transactions naming the same person, the
   * second waits for the first and then finds the row there.
   */
  async tell(tx: Tx, comment: MentioningComment, mentioned: MentionedUser[]): Promise<MentionedUser[]> {
    const candidates = mentioned.filter((u) => u.id !== comment.author.id);
    if (candidates.length === 0) return [];
    const fresh = await tx.rows<{ user_id: string }>(
      `INSERT INTO comment_mentions (comment_id, user_id) SELECT $1, unnest($2::uuid[])
       ON CONFLICT (comment_id, user_id) DO NOTHING RETURNING user_id`,
      [comment.id, candidates.map((u) => u.id)],
    );
    const told = new Set(fresh.map((r) => r.user_id));
    const recipients = candidates.filter((u) => told.has(u.id));
    if (recipients.length === 0) return [];
    const url = `${this.config.publicUrl}/claims/${comment.claimId}`;
    await this.notifier.publish(tx, [
      {
        workspaceId: comment.workspaceId,
        type: 'mention',
        payload: { claimId: comment.claimId, commentId: comment.id, author: comment.author, claim: { id: comment.claimId, text: comment.claimText } },
        notice: {
          title: `${comment.author.name} mentioned you: ${truncate(comment.claimText, 80)}`,
          text: `${comment.author.name} mentioned you in a comment on "${comment.claimText}":\n\n${comment.body}\n\n${url}`,
        },
        message: `${comment.author.name} mentioned you on: ${comment.claimText}`,
        refs: { claimId: comment.claimId },
        data: { commentId: comment.id, author: comment.author },
        recipients: recipients.map((u) => ({ id: u.id, email: u.email })),
      },
    ]);
    return recipients;
  }
}

export function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
