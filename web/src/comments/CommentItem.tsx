import { useId, useMemo, useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import type { Me } from '../api/client';
import { problemInWords } from '../api/problems';
import { Button, ErrorNote } from '../ui/controls';
import { ModalDialog } from '../ui/dialog';
import { dateTime } from '../ui/format';
import { CommentField } from './CommentField';
import { bodyProblem, deleteComment, updateComment, type Comment } from './comments-api';
import { renderMarkdown } from './markdown';
import type { Person } from './mentions';

interface CommentItemProps {
  comment: Comment;
  me: Me;
  people: readonly Person[];
  timeZone: string;
  onChanged: () => Promise<unknown>;
}

/**
 * One comment: who and when, its Markdown shown safely, and what the person may do with it —
 * `Resolve` (anyone), edit (its author), delete (its author or an admin), as the API allows.
 */
export function CommentItem({ comment, me, people, timeZone, onChanged }: CommentItemProps) {
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const body = useMemo(() => renderMarkdown(comment.body, comment.mentions), [comment.body, comment.mentions]);
  const mine = comment.author.id === me.id;
  const resolved = comment.resolvedAt !== null;

  const act = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError('');
    try {
      await work();
      await onChanged();
      return true;
    } catch (problem) {
      setError(problemInWords(problem));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = bodyProblem(draft);
    if (problem) return setError(problem);
    if (await act(() => updateComment(comment.id, { body: draft }))) setEditing(false);
  };

  return (
    <li className={resolved ? 'comment comment-resolved' : 'comment'}>
      <article aria-labelledby={headingId}>
        <p className="comment-meta" id={headingId}>
          <span className="comment-author">{comment.author.name}</span> · <time dateTime={comment.createdAt}>{dateTime(comment.createdAt, timeZone)}</time>
          {comment.editedAt && <span className="muted"> · edited</span>}
          {resolved && <span className="chip comment-resolved-chip">Resolved</span>}
        </p>
        {editing ? (
          <Form onSubmit={(event) => void save(event)} className="stack">
            <CommentField label="Edit comment" value={draft} onChange={setDraft} people={people} autoFocus isRequired />
            <div className="comment-actions">
              <Button
                onPress={() => {
                  setEditing(false);
                  setDraft(comment.body);
                  setError('');
                }}
              >
                Cancel
              </Button>
              <Button type="submit" variant="primary" isDisabled={busy}>
                Save comment
              </Button>
            </div>
          </Form>
        ) : (
          <div className="comment-body">{body}</div>
        )}
        <ErrorNote>{error}</ErrorNote>
        {!editing && (
          <div className="comment-actions">
            <Button variant="quiet" isDisabled={busy} onPress={() => void act(() => updateComment(comment.id, { resolved: !resolved }))}>
              {resolved ? 'Mark unresolved' : 'Resolve'}
            </Button>
            {mine && (
              <Button
                variant="quiet"
                aria-label="Edit comment"
                onPress={() => {
                  setDraft(comment.body);
                  setEditing(true);
                }}
              >
                Edit
              </Button>
            )}
            {(mine || me.role === 'admin') && (
              <Button variant="quiet" aria-label="Delete comment" onPress={() => setDeleting(true)}>
                Delete
              </Button>
            )}
          </div>
        )}
      </article>
      {deleting && (
        <ModalDialog
          title="Delete this comment?"
          description="It leaves the conversation; the timeline keeps that a comment was deleted."
          isOpen
          onOpenChange={(open) => !open && setDeleting(false)}
        >
          <ErrorNote>{error}</ErrorNote>
          <div className="dialog-actions">
            <Button onPress={() => setDeleting(false)} autoFocus>
              Cancel
            </Button>
            <Button variant="danger" isDisabled={busy} onPress={() => void act(() => deleteComment(comment.id)).then((done) => done && setDeleting(false))}>
              Delete comment
            </Button>
          </div>
        </ModalDialog>
      )}
    </li>
  );
}
