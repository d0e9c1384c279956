import { DndContext, DragOverlay, PointerSensor, useDroppable, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { lazy, Suspense, useCallback, useRef, useState, type ReactNode } from 'react';
import type { Claim } from '../api/client';
import { useSignedIn, useTimeZone } from '../api/session';
import { Button, EmptyState, ErrorNote } from '../ui/controls';
import { useNow } from '../ui/use-now';
import { withinPublishedWindow, type BoardFilters } from './board-filters';
import { BoardCard, CardBody } from './BoardCard';
import type { TransitionBody } from './claim-api';
import { asksNothing, movesFor, type Move } from './moves';
import { refusalInWords } from './refusal';
import { useBoardColumns, useBoardMove, type Column } from './use-board';
import { STATUS_LABEL, transitionButton, type Status } from './vocabulary';

// The dialog (form fields, modal) loads the first time a move needs one: the board's first screen stays light.
const TransitionDialog = lazy(() => import('./TransitionDialog').then((m) => ({ default: m.TransitionDialog })));

const EMPTY_HINT: Record<Status, string> = {
  submitted: 'No new claims. Track one from a source, or add a claim.',
  in_research: 'Nothing in research. Start research on a submitted claim.',
  monitoring: 'No promises being monitored.',
  in_review: 'Nothing waiting for review.',
  published: 'Nothing published in the last 30 days.',
  rejected: 'No rejected claims.',
};

/**
 * The board (docs/desk.md, "The board"): a region per status, in the lifecycle's order; cards that move by drag
 * and drop or by their `Move to…` menu; a dialog when the step needs more; the card moves at once
 * and comes back, with the refusal in words beside it, when the API says no.
 */
export function Board({ filters }: { filters: BoardFilters }) {
  const me = useSignedIn();
  const timeZone = useTimeZone();
  const { columns: live, loadMore } = useBoardColumns(filters);
  const move = useBoardMove(filters);
  const [dragging, setDragging] = useState<{ claim: Claim; columns: Column[] } | null>(null);
  const [asking, setAsking] = useState<{ claim: Claim; move: Move } | null>(null);
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const focusedCardRef = useRef<string | null>(null);
  const [showRejected, setShowRejected] = useState(false);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const now = useNow();

  // While a card is dragged the board holds still: an update never yanks it away.
  const columns = dragging?.columns ?? live;

  const run = useCallback(
    (claim: Claim, target: Move, body: TransitionBody) => {
      setRefusals(({ [claim.id]: _gone, ...rest }) => rest);
      move(claim, target.to, body).catch((refusal: unknown) => setRefusals((all) => ({ ...all, [claim.id]: refusalInWords(refusal) })));
    },
    [move],
  );

  const start = useCallback(
    (claim: Claim, target: Move) => {
      if (asksNothing(target.needs)) run(claim, target, {});
      else setAsking({ claim, move: target });
    },
    [run],
  );

  const onDragStart = (event: DragStartEvent) => {
    const claim = (event.active.data.current as { claim: Claim } | undefined)?.claim;
    if (claim) setDragging({ claim, columns: live });
  };
  const onDragEnd = (event: DragEndEvent) => {
    const claim = dragging?.claim;
    setDragging(null);
    const to = event.over?.id as Status | undefined;
    if (!claim || !to || to === claim.status) return;
    const target = movesFor(claim, me).find((m) => m.to === to);
    if (!target || target.blockedBecause) {
      const reason = target?.blockedBecause ?? `${STATUS_LABEL[claim.status]} claims cannot be moved to ${STATUS_LABEL[to]} by you.`;
      setRefusals((all) => ({ ...all, [claim.id]: reason }));
      return;
    }
    start(claim, target);
  };

  return (
    <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
      <div className="board">
        {columns.map((column) => {
          const claims = column.status === 'published' ? column.claims.filter((c) => withinPublishedWindow(c.publishedAt, now, filters)) : column.claims;
          const collapsed = column.status === 'rejected' && !showRejected;
          // A collapsed column still shows a card whose move was just refused, so the refusal is seen.
          const shown = collapsed ? claims.filter((claim) => refusals[claim.id]) : claims;
          return (
            <BoardColumn key={column.status} status={column.status} count={claims.length} more={column.more}>
              {column.status === 'rejected' && (
                <Button variant="quiet" aria-expanded={!collapsed} onPress={() => setShowRejected(!showRejected)}>
                  {collapsed ? 'Show rejected' : 'Hide rejected'}
                </Button>
              )}
              {column.error && <ErrorNote>This column could not be loaded: {column.error.message}</ErrorNote>}
              {column.isPending && <p className="loading">Loading…</p>}
              {!column.isPending && !column.error && claims.length === 0 && !collapsed && <EmptyState>{EMPTY_HINT[column.status]}</EmptyState>}
              {shown.length > 0 && (
                <ul className="cards">
                  {shown.map((claim) => (
                    <BoardCard
                      key={claim.id}
                      claim={claim}
                      me={me}
                      now={now}
                      timeZone={timeZone}
                      refusal={refusals[claim.id]}
                      onMove={start}
                      isDragSource={dragging?.claim.id === claim.id}
                      focusedCardRef={focusedCardRef}
                    />
                  ))}
                </ul>
              )}
              {!collapsed && column.loadMoreError && <ErrorNote>More claims could not be loaded: {column.loadMoreError}</ErrorNote>}
              {!collapsed && column.more && (
                <div className="load-more">
                  <Button variant="quiet" onPress={() => loadMore(column.status)} isDisabled={column.loadingMore}>
                    {column.loadingMore ? 'Loading more claims…' : 'Load more'}
                  </Button>
                </div>
              )}
            </BoardColumn>
          );
        })}
      </div>
      <DragOverlay>
        {dragging && (
          <div className="card card-overlay">
            <CardBody claim={dragging.claim} now={now} timeZone={timeZone} />
          </div>
        )}
      </DragOverlay>
      {asking && (
        <Suspense fallback={null}>
          <TransitionDialog
            claim={asking.claim}
            move={asking.move}
            onClose={() => setAsking(null)}
            onConfirm={async (body) => {
              // The dialog closes at once; the card moves, and a refusal shows beside it.
              run(asking.claim, asking.move, body);
              return Promise.resolve();
            }}
          />
        </Suspense>
      )}
      <p className="visually-hidden" aria-live="polite">
        {asking ? `${transitionButton(asking.claim.status, asking.move.to)}: fill in the dialog.` : ''}
      </p>
    </DndContext>
  );
}

function BoardColumn({ status, count, more, children }: { status: Status; count: number; more: boolean; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  const headingId = `column-${status}`;
  return (
    <section ref={setNodeRef} className={`column column-${status}${isOver ? ' column-over' : ''}`} aria-labelledby={headingId}>
      <header className="column-header">
        <h2 id={headingId}>{STATUS_LABEL[status]}</h2>
        {/* Without a total from the API, a column with more to load says "at least". */}
        <span className="column-count">
          {count}
          {more ? '+' : ''}
          <span className="visually-hidden">{more ? ' claims shown, more to load' : count === 1 ? ' claim' : ' claims'}</span>
        </span>
      </header>
      {children}
    </section>
  );
}
