import { useQueries, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Claim, type Schemas } from '../api/client';
import { keys } from '../api/query-keys';
import { columnQuery, type BoardFilters } from './board-filters';
import { sendTransition, type TransitionBody } from './claim-api';
import { STATUS_ORDER, type Status } from './vocabulary';

type ClaimPage = Schemas['ClaimPage'];

export interface Column {
  status: Status;
  claims: Claim[];
  more: boolean;
  isPending: boolean;
  error: Error | null;
}

function columnKey(status: Status, filters: BoardFilters) {
  return keys.claimLists({ board: true, ...columnQuery(status, filters) });
}

/** The board's six columns: one GET /v1/claims per status, first page each. */
export function useBoardColumns(filters: BoardFilters): Column[] {
  const results = useQueries({
    queries: STATUS_ORDER.map((status) => ({
      queryKey: columnKey(status, filters),
      queryFn: async () => unwrap(await api.GET('/v1/claims', { params: { query: columnQuery(status, filters) } })),
    })),
  });
  return STATUS_ORDER.map((status, index) => {
    const result = results[index]!;
    return { status, claims: result.data?.items ?? [], more: !!result.data?.nextCursor, isPending: result.isPending, error: result.error };
  });
}

/**
 * A move on the board, at once: the card leaves its column and joins the target's in the cache
 * before the API answers; a refusal puts every column back as it was and throws, for the board
 * to say why next to the card.
 */
export function useBoardMove(filters: BoardFilters) {
  const queryClient = useQueryClient();
  return async (claim: Claim, to: Status, body: TransitionBody): Promise<void> => {
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
    try {
      const updated = await sendTransition(claim, to, body);
      queryClient.setQueryData(keys.claim(claim.id), updated);
      // The card now carries the new version (its ETag), so a next move from it is not refused as stale.
      queryClient.setQueryData<ClaimPage>(target, (page) => page && { ...page, items: page.items.map((c) => (c.id === claim.id ? updated : c)) });
    } catch (refusal) {
      queryClient.setQueryData(from, before.from);
      queryClient.setQueryData(target, before.target);
      throw refusal;
    } finally {
      void queryClient.invalidateQueries({ queryKey: keys.claims });
      void queryClient.invalidateQueries({ queryKey: keys.claim(claim.id) });
    }
  };
}
