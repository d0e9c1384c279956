import { useState } from 'react';
import { useParams } from 'wouter';
import { AddSourceDialog } from '../../sources/AddSourceDialog';
import { SourceDetail } from '../../sources/SourceDetail';
import { SourceList } from '../../sources/SourceList';
import { Button } from '../../ui/controls';

/** `/sources` and `/sources/<id>`: intake — add a source, then track the claims it suggests. */
export function SourcesScreen() {
  const { id } = useParams<{ id?: string }>();
  const [adding, setAdding] = useState(false);
  if (id)
    return (
      <section className="page">
        <SourceDetail id={id} />
      </section>
    );
  return (
    <section className="page">
      <div className="page-header">
        <h1>Sources</h1>
        <Button variant="primary" onPress={() => setAdding(true)}>
          Add source
        </Button>
      </div>
      <SourceList />
      {adding && <AddSourceDialog onClose={() => setAdding(false)} />}
    </section>
  );
}
