import { useQueries, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { api, unwrap, type Claim } from '../api/client';
import { keys } from '../api/query-keys';
import { columnQuery, type BoardFilters } from './board-filters';
import { appendPage, readPages, type ColumnPages } from './board-pages';
import { sendTransition, type TransitionBody } from './claim-api';
import { STATUS_ORDER, type Status } from './vocabulary';

type ClaimPage = ColumnPages<Claim>;

export interface Column {
  status: Status;
  claims: Claim[];
  /** The API has more claims of this column than are shown: `Load more` reads the next page. */
  more: boolean;
  isPending: boolean;
  error: Error | null;
  loadingMore: boolean;
  /** Why the last `Load more` failed, in words. */
  loadMoreError: string | null;
}

function columnKey(status: Status, filters: BoardFilters) {
  return keys.claimLists({ board: true, ...columnQuery(status, filters) });
}

async function readColumnPage(status: Status, filters: BoardFilters, cursor: string | null) {
  return unwrap(await api.GET('/v1/claims', { params: { query: { ...columnQuery(status, filters), ...(cursor ? { cursor } : {}) } } }));
}

/**
 * The board's six columns: one GET /v1/claims per status, 50 claims a page. A column's refetch
 * reads as many pages as it had loaded (the count lives in its cache entry, beside the claims).
 */
export function useBoardColumns(filters: BoardFilters): { columns: Column[]; loadMore: (status: Status) => void } {
  const queryClient = useQueryClient();
  const [loading, setLoading] = useState<Partial<Record<Status, boolean>>>({});
  const [failures, setFailures] = useState<Partial<Record<Status, string>>>({});
  const results = useQueries({
    queries: STATUS_ORDER.map((status) => ({
      queryKey: columnKey(status, filters),
      queryFn: async () => {
        const pages = queryClient.getQueryData<ClaimPage>(columnKey(status, filters))?.pages ?? 1;
        return readPages((cursor) => readColumnPage(status, filters, cursor), pages);
      },
    })),
  });
  const loadMore = (status: Status) => {
    setLoading((all) => ({ ...all, [status]: true }));
    setFailures(({ [status]: _gone, ...rest }) => rest);
    appendNextPage(queryClient, status, filters)
      .catch((failure: unknown) => setFailures((all) => ({ ...all, [status]: failure instanceof Error ? failure.message : String(failure) })))
      .finally(() => setLoading(({ [status]: _done, ...rest }) => rest));
  };
  const columns = STATUS_ORDER.map((status, index) => {
    const result = results[index]!;
    return {
      status,
      claims: result.data?.items ?? [],
      more: !!result.data?.nextCursor,
      isPending: result.isPending,
      error: result.error,
      loadingMore: !!loading[status],
      loadMoreError: failures[status] ?? null,
    };
  });
  return { columns, loadMore };
}

/**
 * `Load more` on a column: the page after the last one shown, appended. A refetch in flight is
 * cancelled so that it cannot put back fewer pages over this one, and then run again over all of
 * them, so that the change it was fetching is not lost.
 */
async function appendNextPage(queryClient: QueryClient, status: Status, filters: BoardFilters): Promise<void> {
  const key = columnKey(status, filters);
  const cursor = queryClient.getQueryData<ClaimPage>(key)?.nextCursor;
  if (!cursor) return;
  const next = await readColumnPage(status, filters, cursor);
  let refetch = queryClient.isFetching({ queryKey: key, exact: true }) > 0;
  if (refetch) await queryClient.cancelQueries({ queryKey: key, exact: true });
  queryClient.setQueryData<ClaimPage>(key, (column) => {
    if (!column || column.nextCursor === cursor) return column && appendPage(column, next);
    // The column was read again meanwhile: its pages now end elsewhere, so read one more of them.
    refetch = true;
    return { ...column, pages: column.pages + 1 };
  });
  if (refetch) void queryClient.invalidateQueries({ queryKey: key, exact: true });
}

/**
 * A move on the board, at once: the card leaves its column and joins the target's in the cache
 * before the API answers; a refusal puts every column back as it was and throws, for the board
 * to say why next to the card.
 *
 * A card's moves reach the API one after another. A second move made before the first is
 * answered (the card is already in its new column) waits for it and is sent with the version the
 * first one returned, so that it is not refused as changed by someone else; if the first is
 * refused, the card goes back and the second is dropped.
 */
export function useBoardMove(filters: BoardFilters) {
  const queryClient = useQueryClient();
  const inFlight = useRef(new Map<string, Promise<Claim | undefined>>());
  return useCallback(
    async (claim: Claim, to: Status, body: TransitionBody): Promise<void> => {
      const from = columnKey(claim.status, filters);
      const target = columnKey(to, filters);
      // The card moves in this same tick (desk.md: feedback within 100 ms); a refetch in flight is
      // cancelled so that it cannot put the card back before the API has answered.
      void queryClient.cancelQueries({ queryKey: from });
      void queryClient.cancelQueries({ queryKey: target });
      const before = { from: queryClient.getQueryData<ClaimPage>(from), target: queryClient.getQueryData<ClaimPage>(target) };
      const moved: Claim = { ...claim, status: to, updatedAt: new Date().toISOString() };
      queryClient.setQueryData<ClaimPage>(from, (page) => page && { ...page, items: page.items.filter((c) => c.id !== claim.id) });
      queryClient.setQueryData<ClaimPage>(target, (page) => page && { ...page, items: [moved, ...page.items.filter((c) => c.id !== claim.id)] });

      const earlier = inFlight.current.get(claim.id);
      let latest = claim;
      const attempt = (async () => {
        if (earlier) {
          const landed = await earlier;
          if (!landed) return undefined; // refused: the card is back where it was, and this move goes with it
          if (landed.status === claim.status) latest = landed;
        }
        return sendTransition(latest, to, body);
      })();
      const settled = attempt.catch(() => undefined);
      inFlight.current.set(claim.id, settled);
      try {
        const updated = await attempt;
        if (!updated) {
          // The earlier move was refused and put back; this move's copy of the card leaves its column too.
          queryClient.setQueryData<ClaimPage>(target, (page) => page && { ...page, items: page.items.filter((c) => c !== moved) });
          return;
        }
        queryClient.setQueryData(keys.claim(claim.id), updated);
        // The card now carries the new version (its ETag), so a next move from it is not refused as stale.
        queryClient.setQueryData<ClaimPage>(target, (page) => page && withCard(page, updated));
      } catch (refusal) {
        queryClient.setQueryData<ClaimPage>(from, before.from && withCard(before.from, latest));
        queryClient.setQueryData(target, before.target);
        throw refusal;
      } finally {
        if (inFlight.current.get(claim.id) === settled) inFlight.current.delete(claim.id);
        void queryClient.invalidateQueries({ queryKey: keys.claims });
        void queryClient.invalidateQueries({ queryKey: keys.claim(claim.id) });
      }
    },
    [queryClient, filters],
  );
}

/** The column with this claim's card replaced by the given copy of it, where the card is shown. */
function withCard(page: ClaimPage, claim: Claim): ClaimPage {
  return { ...page, items: page.items.map((c) => (c.id === claim.id ? claim : c)) };
}
