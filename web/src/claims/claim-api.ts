import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, expectOk, ifMatch, unwrap, type Claim, type Schemas } from '../api/client';
import { keys } from '../api/query-keys';
import type { Status } from './vocabulary';

export type TransitionBody = Omit<Schemas['TransitionDto'], 'to'>;

export function useClaim(id: string) {
  return useQuery({ queryKey: keys.claim(id), queryFn: async () => unwrap(await api.GET('/v1/claims/{id}', { params: { path: { id } } })) });
}

/** POST /v1/claims/:id/transitions with the ETag the desk holds: a stale one is refused (412). */
export async function sendTransition(claim: Claim, to: Status, body: TransitionBody): Promise<Claim> {
  return unwrap(
    await api.POST('/v1/claims/{id}/transitions', {
      params: { path: { id: claim.id }, header: { 'If-Match': ifMatch(claim) } },
      body: { to, ...body },
    }),
  );
}

/** After any change to a claim: it, its parts and every list it may appear in are refetched. */
export function useClaimChanged() {
  const queryClient = useQueryClient();
  return async (claim: Claim | string) => {
    const id = typeof claim === 'string' ? claim : claim.id;
    if (typeof claim !== 'string') queryClient.setQueryData(keys.claim(id), claim);
    await Promise.all([queryClient.invalidateQueries({ queryKey: keys.claim(id) }), queryClient.invalidateQueries({ queryKey: keys.claims })]);
  };
}

/** PUT or DELETE /v1/claims/:id/following: the signed-in person follows the claim, or stops. */
export async function setFollowing(claimId: string, following: boolean): Promise<void> {
  const params = { params: { path: { id: claimId } } };
  expectOk(following ? await api.PUT('/v1/claims/{id}/following', params) : await api.DELETE('/v1/claims/{id}/following', params));
}
