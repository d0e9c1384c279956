import { useDraggable } from '@dnd-kit/core';
import { Link } from 'wouter';
import { memo, useEffect, useRef, type MutableRefObject } from 'react';
import type { Claim, Me } from '../api/client';
import { MenuButton } from '../ui/MenuButton';
import { dueInWords, initials } from '../ui/format';
import { movesFor, type Move } from './moves';
import { KIND_LABEL, PRIORITY_LABEL, STATUS_LABEL } from './vocabulary';

interface BoardCardProps {
  claim: Claim;
  me: Pick<Me, 'id' | 'role'>;
  now: Date;
  timeZone: string;
  refusal?: string;
  onMove: (claim: Claim, move: Move) => void;
  /** Set while this card is the one being dragged: it stays in place, dimmed. */
  isDragSource?: boolean;
  /** The board's note of which card holds the focus (its claim's id), kept as cards come and go. */
  focusedCardRef: MutableRefObject<string | null>;
}

/**
 * One claim on the board: a link to it (its name begins with the claim's text) and, beside the
 * link, its own `Move to…` menu of the moves allowed now. Dragging the card moves it too.
 */
export const BoardCard = memo(function BoardCard({ claim, me, now, timeZone, refusal, onMove, isDragSource, focusedCardRef }: BoardCardProps) {
  const { setNodeRef, listeners } = useDraggable({ id: claim.id, data: { claim } });
  const item = useRef<HTMLLIElement | null>(null);
  const offered = movesFor(claim, me).filter((move) => !move.blockedBecause);
  // A card moved to another column (by its menu, back after a refusal, or by someone else) is a
  // new element there, and the focus it held went with the old one: it takes the focus back, so
  // that a keyboard user goes on from the card rather than from the top of the page.
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (!lost || focusedCardRef.current !== claim.id) return;
    // Its own Move to… button, where a keyboard move left it; its link when no move is offered.
    (item.current?.querySelector<HTMLElement>('.card-move') ?? item.current?.querySelector<HTMLElement>('.card-link'))?.focus();
  }, [claim.id, focusedCardRef]);
  return (
    <li
      ref={(node) => {
        setNodeRef(node);
        item.current = node;
      }}
      {...listeners}
      onFocus={() => (focusedCardRef.current = claim.id)}
      onBlur={(event) => {
        // Focus gone to another element: this card no longer has it. (A card taken out of the page
        // loses it to no element, and keeps its claim on it.)
        const to = event.relatedTarget;
        if (to && !event.currentTarget.contains(to) && focusedCardRef.current === claim.id) focusedCardRef.current = null;
      }}
      className={`card priority-${claim.priority}${isDragSource ? ' card-drag-source' : ''}`}
    >
      <CardBody claim={claim} now={now} timeZone={timeZone} />
      {offered.length > 0 && (
        <MenuButton
          label="Move to…"
          menuLabel={`Move “${claim.text.slice(0, 60)}” to`}
          className="card-move"
          choices={offered.map((move) => ({ id: move.to, label: STATUS_LABEL[move.to] }))}
          onAction={(to) => {
            const move = offered.find((m) => m.to === to);
            if (move) onMove(claim, move);
          }}
        />
      )}
      {refusal && (
        <p className="card-refusal" role="alert">
          {refusal}
        </p>
      )}
    </li>
  );
});

/** What a card shows: text (two lines), claimant, kind, assignee's initials, priority, due date in words. */
export function CardBody({ claim, now, timeZone }: { claim: Claim; now: Date; timeZone: string }) {
  const due = claim.dueAt ? dueInWords(claim.dueAt, now, timeZone) : null;
  return (
    <Link href={`/claims/${claim.id}`} className="card-link" draggable={false}>
      <span className="card-text">{claim.text}</span>
      <span className="card-meta">
        <span className="card-claimant">{claim.claimant.name}</span>
        <span className="chip">{KIND_LABEL[claim.kind]}</span>
        {claim.priority !== 'normal' && <span className={`chip chip-${claim.priority}`}>{PRIORITY_LABEL[claim.priority]} priority</span>}
        {due && <span className={due.overdue ? 'due due-overdue' : 'due'}>{due.text}</span>}
        {claim.assignee && (
          <span className="avatar" title={claim.assignee.name}>
            <span aria-hidden="true">{initials(claim.assignee.name)}</span>
            <span className="visually-hidden">Assigned to {claim.assignee.name}</span>
          </span>
        )}
      </span>
    </Link>
  );
}
