import { useRef, useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { idempotencyKey } from '../api/client';
import { problemInWords } from '../api/problems';
import { useSignedIn, useTimeZone } from '../api/session';
import { EmptyState, ErrorNote, Loading, Button } from '../ui/controls';
import { LoadMore } from '../ui/lists';
import { CommentField } from './CommentField';
import { CommentItem } from './CommentItem';
import { bodyProblem, postComment, useComments, useConversationChanged, useMentionablePeople } from './comments-api';
import './comments.css';

// The claim page mounts the conversation and the header's toggle from this one module.

/**
 * The claim's conversation (docs/desk.md, "The claim page" → Conversation): its comments oldest
 * first, and the `Comment` field with `Post comment`. Others' comments arrive through the live
 * events, which invalidate the claim and so its comments.
 */
export function Conversation({ claimId }: { claimId: string }) {
  const me = useSignedIn();
  const timeZone = useTimeZone();
  const comments = useComments(claimId);
  const people = useMentionablePeople(me.id);
  const changed = useConversationChanged(claimId);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // One Idempotency-Key per text: a retried post of the same text never posts twice, and an
  // edited text after a refusal is a new request.
  const sent = useRef<{ body: string; key: string } | null>(null);

  const post = async (event: FormEvent) => {
    event.preventDefault();
    const problem = bodyProblem(draft);
    if (problem) return setError(problem);
    if (sent.current?.body !== draft) sent.current = { body: draft, key: idempotencyKey() };
    setBusy(true);
    setError('');
    try {
      await postComment(claimId, draft, sent.current.key);
      sent.current = null;
      setDraft('');
      await changed();
    } catch (refusal) {
      setError(`The comment was not posted: ${problemInWords(refusal)}`);
    } finally {
      setBusy(false);
    }
  };

  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="conversation-heading" className="panel conversation">
      <h2 id="conversation-heading">Conversation</h2>
      {comments.isPending && <Loading what="the conversation" />}
      {comments.isError && <ErrorNote>The comments could not be loaded: {problemInWords(comments.error)}</ErrorNote>}
      {comments.isSuccess && items.length === 0 && (
        <EmptyState>No comments yet. Ask a question or note what you found; @ mentions tell a colleague.</EmptyState>
      )}
      {items.length > 0 && (
        <ol className="comment-list" aria-label="Comments">
          {items.map((comment) => (
            <CommentItem key={comment.id} comment={comment} me={me} people={people} timeZone={timeZone} onChanged={changed} />
          ))}
        </ol>
      )}
      <LoadMore query={comments} what="comments" />
      <Form onSubmit={(event) => void post(event)} className="stack comment-form">
        <CommentField label="Comment" value={draft} onChange={setDraft} people={people} />
        <ErrorNote>{error}</ErrorNote>
        <div className="comment-actions">
          <Button type="submit" variant="primary" isDisabled={busy}>
            Post comment
          </Button>
        </div>
      </Form>
    </section>
  );
}
