import { useParams } from 'wouter';
import { useClaim } from '../../claims/claim-api';
import { ErrorNote, Loading } from '../../ui/controls';

/** `/claims/<id>`: everything about one claim. */
export function ClaimScreen() {
  const { id = '' } = useParams<{ id: string }>();
  const claim = useClaim(id);
  if (claim.isPending) return <Loading what="the claim" />;
  if (claim.isError) return <ErrorNote>This claim could not be loaded: {claim.error.message}</ErrorNote>;
  return (
    <article className="page">
      <h1>{claim.data.text}</h1>
    </article>
  );
}
