import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'wouter';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';
import { useClaim } from '../../claims/claim-api';
import { ClaimFields } from '../../claims/ClaimFields';
import { LifecycleActions } from '../../claims/LifecycleActions';
import { SimilarClaims } from '../../claims/SimilarClaims';
import { Timeline } from '../../claims/Timeline';
import { FollowToggle } from '../../claims/FollowToggle';
import { Conversation } from '../../comments/Conversation';
import { EvidenceSection } from '../../evidence/EvidenceSection';
import { ClaimReviewSection } from '../../publishing/ClaimReviewSection';
import { ClaimReminders } from '../../reminders/ClaimReminders';
import { ErrorNote, Loading } from '../../ui/controls';

/** `/claims/<id>`: everything about one claim (docs/desk.md, "The claim page"). */
export function ClaimScreen() {
  const { id = '' } = useParams<{ id: string }>();
  const claim = useClaim(id);
  // Tracked from a source's suggestion: its follow-up date starts the Monitor dialog (sources/suggestions.ts).
  const [search] = useSearchParams();
  const sourceId = claim.data?.sourceId ?? null;
  const source = useQuery({
    queryKey: [...keys.sources, sourceId],
    queryFn: async () => unwrap(await api.GET('/v1/sources/{id}', { params: { path: { id: sourceId! } } })),
    enabled: !!sourceId,
    staleTime: 5 * 60_000,
  });
  if (claim.isPending) return <Loading what="the claim" />;
  if (claim.isError)
    return (
      <section className="page">
        <h1>Claim not found</h1>
        <ErrorNote>This claim could not be loaded: {claim.error.message}</ErrorNote>
      </section>
    );
  const data = claim.data;
  return (
    <article className="page claim-page">
      <header className="claim-header">
        <h1>{data.text}</h1>
        <LifecycleActions claim={data} suggestedFollowUp={search.get('followUp') ?? undefined} />
        <FollowToggle claim={data} />
      </header>
      <div className="claim-layout">
        <div className="claim-main">
          <ClaimFields claim={data} sourceTitle={source.data?.title} />
          <EvidenceSection claimId={data.id} locked={data.status === 'published'} />
          <ClaimReminders claimId={data.id} />
          <Conversation claimId={data.id} />
          {data.status === 'published' && <ClaimReviewSection claimId={data.id} />}
        </div>
        <aside className="claim-side" aria-label="History and related claims">
          <Timeline claimId={data.id} />
          <SimilarClaims claimId={data.id} />
        </aside>
      </div>
    </article>
  );
}
