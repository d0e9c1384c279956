import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ToggleButton } from 'react-aria-components';
import type { Claim } from '../api/client';
import { problemInWords } from '../api/problems';
import { keys } from '../api/query-keys';
import { ErrorNote } from '../ui/controls';
import { setFollowing } from './claim-api';

/**
 * `Follow` / `Following` in the claim's header: a toggle button (aria-pressed) backed by
 * PUT/DELETE /v1/claims/:id/following. The new state shows at once and is put back if the API
 * refuses; following is the person's own, so it changes neither the claim nor its ETag.
 */
export function FollowToggle({ claim }: { claim: Claim }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState('');
  const sending = useRef(false);

  const show = (following: boolean) => queryClient.setQueryData<Claim>(keys.claim(claim.id), (cached) => cached && { ...cached, following });

  const toggle = async (following: boolean) => {
    if (sending.current) return;
    sending.current = true;
    setError('');
    // A read of the claim already under way (a live event's) must not put the old state back.
    const claimKey = { queryKey: keys.claim(claim.id), exact: true };
    await queryClient.cancelQueries(claimKey);
    show(following);
    try {
      await setFollowing(claim.id, following);
    } catch (problem) {
      show(!following);
      setError(`${following ? 'Could not follow' : 'Could not stop following'} this claim: ${problemInWords(problem)}`);
    } finally {
      sending.current = false;
      void queryClient.invalidateQueries(claimKey);
    }
  };

  return (
    <span className="follow-toggle">
      <ToggleButton isSelected={claim.following} onChange={(following) => void toggle(following)} className="btn btn-secondary">
        {claim.following ? 'Following' : 'Follow'}
      </ToggleButton>
      <ErrorNote>{error}</ErrorNote>
    </span>
  );
}
