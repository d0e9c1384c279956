import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { keys } from '../api/query-keys';
import { problemInWords } from '../api/problems';
import { EmptyState, ErrorNote } from '../ui/controls';
import { useDebounced } from '../ui/use-debounced';
import { worthMatching } from './new-claim';
import { ratingLabel, STATUS_LABEL } from './vocabulary';

const SHOWN = 8;

/**
 * The claims already tracked that say nearly what is being typed (GET /v1/claims/similar),
 * with their verdicts: asked once typing pauses, so a desk sees at once that a claim was
 * already checked. Each opens in a new tab, so the draft stays.
 */
export function DraftSimilar({ text }: { text: string }) {
  const draft = useDebounced(text.trim(), 400);
  const enabled = worthMatching(draft);
  const similar = useQuery({
    queryKey: [...keys.claims, 'similar-draft', draft],
    queryFn: async () => unwrap(await api.GET('/v1/claims/similar', { params: { query: { text: draft } } })),
    enabled,
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
  const items = enabled ? (similar.data?.items ?? []) : [];
  return (
    <section className="section-block draft-similar" aria-labelledby="draft-similar-heading">
      <h2 id="draft-similar-heading">Similar claims</h2>
      <p className="muted" role="status">
        {!enabled
          ? 'Claims already tracked that say nearly the same thing show here as you type.'
          : similar.isFetching && !similar.data
            ? 'Looking for similar claims…'
            : items.length === 0
              ? ''
              : `${items.length} ${items.length === 1 ? 'claim says' : 'claims say'} nearly the same thing.`}
      </p>
      {enabled && similar.isError && <ErrorNote>Similar claims could not be looked up: {problemInWords(similar.error)}</ErrorNote>}
      {enabled && similar.data && items.length === 0 && <EmptyState>No claim tracked yet says nearly the same thing.</EmptyState>}
      {items.length > 0 && (
        <ul className="link-list similar-list">
          {items.slice(0, SHOWN).map((item) => (
            <li key={item.id}>
              <a href={`/claims/${item.id}`} target="_blank" rel="noopener">
                {item.text}
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
              <span className="row-meta">
                <span className="status">{STATUS_LABEL[item.status]}</span>
                {item.verdict ? <span className="chip">Verdict: {ratingLabel(item.verdict.rating)}</span> : <span>No verdict yet</span>}
                <span>{Math.round(item.score * 100)}% alike</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
