import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { keys } from '../api/query-keys';
import { EmptyState, ErrorNote, Loading } from '../ui/controls';
import { ratingLabel, STATUS_LABEL } from './vocabulary';

/** Claims of the workspace that say nearly the same thing, with their verdicts, linked. */
export function SimilarClaims({ claimId }: { claimId: string }) {
  const similar = useQuery({
    queryKey: keys.claimPart(claimId, 'similar'),
    queryFn: async () => unwrap(await api.GET('/v1/claims/{id}/similar', { params: { path: { id: claimId } } })),
  });
  return (
    <section aria-labelledby="similar-heading" className="panel">
      <h2 id="similar-heading">Similar claims</h2>
      {similar.isPending && <Loading what="similar claims" />}
      {similar.isError && <ErrorNote>Similar claims could not be loaded: {similar.error.message}</ErrorNote>}
      {similar.data && similar.data.items.length === 0 && <EmptyState>No other claim of this desk says nearly the same thing.</EmptyState>}
      {similar.data && similar.data.items.length > 0 && (
        <ul className="plain-list">
          {similar.data.items.slice(0, 10).map((item) => (
            <li key={item.id}>
              <Link href={`/claims/${item.id}`}>{item.text}</Link>
              <span className="muted">
                {' '}
                · {STATUS_LABEL[item.status]}
                {item.verdict && ` · ${ratingLabel(item.verdict.rating)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
