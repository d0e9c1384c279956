import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, useLocation } from 'wouter';
import { api, unwrap } from '../api/client';
import { useIdempotencyKeys } from '../api/idempotency';
import { keys } from '../api/query-keys';
import { problemInWords } from '../api/problems';
import { useTimeZone } from '../api/session';
import { Button, EmptyState, ErrorNote, Field, Loading } from '../ui/controls';
import { ModalDialog } from '../ui/dialog';
import { dateOnly } from '../ui/format';
import { SIGNAL_WORDS, trackBody, trackedAddress, worthiness, type Source, type Suggestion } from './suggestions';

const KIND_WORDS: Record<Suggestion['kind'], string> = { statement: 'Statement', promise: 'Promise', opinion: 'Opinion' };

/** `/sources/<id>`: the source, and the claims in its text worth checking, best first. */
export function SourceDetail({ id }: { id: string }) {
  const timeZone = useTimeZone();
  const source = useQuery({
    queryKey: [...keys.sources, id],
    queryFn: async () => unwrap(await api.GET('/v1/sources/{id}', { params: { path: { id } } })),
  });
  if (source.isPending) return <Loading what="the source" />;
  if (source.isError)
    return (
      <>
        <h1>Source not found</h1>
        <ErrorNote>This source could not be loaded: {problemInWords(source.error)}</ErrorNote>
        <p>
          <Link href="/sources">All sources</Link>
        </p>
      </>
    );
  const data = source.data;
  return (
    <>
      <p className="back-link">
        <Link href="/sources">All sources</Link>
      </p>
      <div className="page-header">
        <h1>{data.title}</h1>
        <Link href={`/claims/new?source=${data.id}`} className="btn">
          New claim from this source
        </Link>
      </div>
      <p className="row-meta source-facts">
        {data.publisher && <span>{data.publisher}</span>}
        {data.publishedAt && <span>Published {dateOnly(data.publishedAt, timeZone)}</span>}
        {data.url && (
          <a href={data.url} target="_blank" rel="noreferrer noopener">
            Open the original
          </a>
        )}
      </p>
      {data.text && (
        <details className="source-text">
          <summary>Source text</summary>
          <p>{data.text}</p>
        </details>
      )}
      <Suggestions source={data} />
    </>
  );
}

function Suggestions({ source }: { source: Source }) {
  const suggestions = useQuery({
    queryKey: [...keys.sources, source.id, 'suggestions'],
    queryFn: async () => unwrap(await api.GET('/v1/sources/{id}/suggestions', { params: { path: { id: source.id } } })),
  });
  return (
    <section aria-labelledby="suggestions-heading" className="section-block">
      <h2 id="suggestions-heading">Suggested claims</h2>
      {suggestions.isPending && <Loading what="suggestions" />}
      {suggestions.isError && <ErrorNote>The suggestions could not be loaded: {problemInWords(suggestions.error)}</ErrorNote>}
      {suggestions.data && suggestions.data.items.length === 0 && (
        <EmptyState>
          {source.text
            ? 'Nothing in this text looks worth checking: no figures, attributions or promises were found. Track a claim by hand with New claim from this source.'
            : 'This source has no text, so there is nothing to suggest. Track a claim by hand with New claim from this source.'}
        </EmptyState>
      )}
      {suggestions.data && suggestions.data.items.length > 0 && (
        <ol className="rows" aria-label="Suggested claims, most check-worthy first">
          {suggestions.data.items.map((suggestion, index) => (
            <SuggestionRow key={`${index}-${suggestion.sentence}`} index={index} suggestion={suggestion} source={source} />
          ))}
        </ol>
      )}
    </section>
  );
}

function SuggestionRow({ suggestion, source, index }: { suggestion: Suggestion; source: Source; index: number }) {
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [naming, setNaming] = useState(false);
  const keyFor = useIdempotencyKeys();
  const textId = `suggestion-${index}`;

  const track = async (claimant?: { name: string; affiliation?: string }) => {
    setBusy(true);
    setError('');
    try {
      const body = trackBody(suggestion, source.id, claimant);
      const claim = unwrap(await api.POST('/v1/claims', { body, params: { header: { 'Idempotency-Key': keyFor(body) } } }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...keys.sources, source.id, 'suggestions'] }),
        queryClient.invalidateQueries({ queryKey: keys.claims }),
      ]);
      navigate(trackedAddress(claim.id, suggestion, timeZone));
    } catch (problem) {
      setError(`Not tracked: ${problemInWords(problem)}`);
      setBusy(false);
    }
  };

  return (
    <li className="row-item">
      <div className="row-split">
        <div className="stack-tight">
          <span className="row-title" id={textId}>
            {suggestion.text}
          </span>
          {suggestion.sentence !== suggestion.text && <blockquote className="quote">{suggestion.sentence}</blockquote>}
          <span className="row-meta">
            <span className="chip">{KIND_WORDS[suggestion.kind]}</span>
            {suggestion.claimant && (
              <span>
                {suggestion.claimant.name}
                {suggestion.claimant.affiliation && `, ${suggestion.claimant.affiliation}`}
              </span>
            )}
            <span className="score">Check-worthiness {worthiness(suggestion.checkworthiness)}</span>
            {suggestion.suggestedFollowUpAt && <span>Follow up {dateOnly(suggestion.suggestedFollowUpAt, timeZone)}</span>}
          </span>
          {suggestion.signals.length > 0 && (
            <span className="row-meta">
              <span>Signals:</span>
              <ul className="signals" aria-label="Signals">
                {suggestion.signals.map((signal) => (
                  <li key={signal} className="chip signal">
                    {SIGNAL_WORDS[signal]}
                  </li>
                ))}
              </ul>
            </span>
          )}
        </div>
        <div className="row-actions">
          {suggestion.claimId ? (
            <Link href={`/claims/${suggestion.claimId}`} className="btn btn-quiet" aria-describedby={textId}>
              Tracked
            </Link>
          ) : (
            <Button aria-describedby={textId} isDisabled={busy} onPress={() => (suggestion.claimant ? void track() : setNaming(true))}>
              Track
            </Button>
          )}
        </div>
      </div>
      <ErrorNote>{error}</ErrorNote>
      {naming && (
        <NameClaimant
          text={suggestion.text}
          onClose={() => setNaming(false)}
          onConfirm={(claimant) => {
            setNaming(false);
            void track(claimant);
          }}
        />
      )}
    </li>
  );
}

/** A suggestion with no speaker found: the person names who made the claim before it is tracked. */
function NameClaimant({
  text,
  onClose,
  onConfirm,
}: {
  text: string;
  onClose: () => void;
  onConfirm: (claimant: { name: string; affiliation?: string }) => void;
}) {
  const [name, setName] = useState('');
  const [affiliation, setAffiliation] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onConfirm({ name, affiliation });
  };
  return (
    <ModalDialog title="Who made this claim?" isOpen onOpenChange={(open) => !open && onClose()}>
      <p className="dialog-claim">{text}</p>
      <Form onSubmit={onSubmit} className="stack">
        <Field label="Claimant" name="claimant" value={name} onChange={setName} isRequired maxLength={300} />
        <Field label="Affiliation" name="affiliation" value={affiliation} onChange={setAffiliation} maxLength={300} />
        <div className="dialog-actions">
          <Button onPress={onClose}>Cancel</Button>
          <Button type="submit" variant="primary">
            Track
          </Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
