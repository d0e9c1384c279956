import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, expectOk, unwrap, type Schemas } from '../api/client';
import { keys } from '../api/query-keys';
import type { Person } from './mentions';

export type Comment = Schemas['CommentView'];

/** The API's limit on a body, counted as it counts: in code points (an emoji is one). */
export const COMMENT_MAX = 10_000;

/** Why a body cannot be posted as it is, in words; '' when it can. */
export function bodyProblem(body: string): string {
  if (body.trim() === '') return 'Write the comment first.';
  const length = [...body].length;
  if (length > COMMENT_MAX) return `A comment is at most ${COMMENT_MAX.toLocaleString('en')} characters; this one has ${length.toLocaleString('en')}.`;
  return '';
}

/** Comments come a page of 100 at a time, oldest first; `Load more` brings the newer ones. */
const PAGE = 100;

/**
 * A claim's comments (GET /v1/claims/:id/comments), under the claim's key: `comment.added` and
 * `comment.deleted` invalidate the claim (live/event-keys.ts), so others' comments appear live.
 */
export function useComments(claimId: string) {
  return useInfiniteQuery({
    queryKey: keys.claimPart(claimId, 'comments'),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/claims/{id}/comments', { params: { path: { id: claimId }, query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * The people a comment may mention: the workspace's active users but oneself. Read through the
 * same key and page as the claim page's assignee field, so the page asks once.
 */
export function useMentionablePeople(meId: string): Person[] {
  const users = useQuery({
    queryKey: keys.users,
    queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { limit: 200 } } })),
    staleTime: 5 * 60_000,
  });
  return (users.data?.items ?? []).filter((user) => user.active && user.id !== meId);
}

/** After any change to the conversation: the claim and its parts (comments, timeline, following) are refetched. */
export function useConversationChanged(claimId: string) {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: keys.claim(claimId) }), [queryClient, claimId]);
}

export async function postComment(claimId: string, body: string, idempotencyKey: string): Promise<Comment> {
  return unwrap(
    await api.POST('/v1/claims/{id}/comments', { params: { path: { id: claimId }, header: { 'Idempotency-Key': idempotencyKey } }, body: { body } }),
  );
}

export async function updateComment(id: string, change: Schemas['UpdateCommentDto']): Promise<Comment> {
  return unwrap(await api.PATCH('/v1/comments/{id}', { params: { path: { id } }, body: change }));
}

export async function deleteComment(id: string): Promise<void> {
  expectOk(await api.DELETE('/v1/comments/{id}', { params: { path: { id } } }));
}
