import { useSearchParams } from 'wouter';
import { NewClaimForm } from '../../claims/NewClaimForm';

/** `/claims/new`: track a claim by hand; `?source=<id>` starts it from a source. */
export function NewClaimScreen() {
  const [search] = useSearchParams();
  return (
    <section className="page">
      <div className="page-header">
        <h1>New claim</h1>
      </div>
      <NewClaimForm sourceId={search.get('source') ?? ''} />
    </section>
  );
}
