import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { keys } from '../api/query-keys';
import { Button, ErrorNote, Loading } from '../ui/controls';

/** A published claim's ClaimReview JSON-LD, with `Copy`, and its public page when the tracker is on. */
export function ClaimReviewSection({ claimId }: { claimId: string }) {
  const review = useQuery({
    queryKey: keys.claimPart(claimId, 'claimreview'),
    queryFn: async () => unwrap(await api.GET('/v1/claims/{id}/claimreview', { params: { path: { id: claimId } } })),
  });
  const workspace = useQuery({ queryKey: keys.workspace, queryFn: async () => unwrap(await api.GET('/v1/workspace')), staleTime: 5 * 60_000 });
  const [copied, setCopied] = useState('');
  const json = review.data ? JSON.stringify(review.data, null, 2) : '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('This browser did not allow copying: select the text and copy it.');
    }
  };

  return (
    <section aria-labelledby="claimreview-heading" className="panel">
      <h2 id="claimreview-heading">ClaimReview</h2>
      {review.isPending && <Loading what="the ClaimReview" />}
      {review.isError && <ErrorNote>The ClaimReview could not be loaded: {review.error.message}</ErrorNote>}
      {review.data && (
        <>
          <p className="muted">Schema.org JSON-LD for search engines: paste it into the fact-check article.</p>
          <pre className="code" tabIndex={0} aria-label="ClaimReview JSON-LD">
            {json}
          </pre>
          <div className="row">
            <Button onPress={() => void copy()}>Copy</Button>
            {workspace.data?.tracker.enabled && (
              <a href={`/t/${workspace.data.slug}/claims/${claimId}`} target="_blank" rel="noreferrer">
                Public page
              </a>
            )}
            <span role="status" className="muted">
              {copied}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
