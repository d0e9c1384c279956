import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { api, expectOk, unwrap } from '../api/client';
import { useIdempotencyKeys } from '../api/idempotency';
import { problemInWords } from '../api/problems';
import { useTimeZone } from '../api/session';
import { Button, EmptyState, ErrorNote, Field, Loading } from '../ui/controls';
import { SecretField } from '../ui/CopyButton';
import { ModalDialog } from '../ui/dialog';
import { dateTime, relativeTime } from '../ui/format';
import { invalidProps, useFormAction } from '../ui/forms';
import { LoadMore } from '../ui/lists';
import { attemptsInWords, deliveryLogRefresh, deliveryStatusWord, WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from './webhooks';

const WEBHOOKS_KEY = ['webhooks'] as const;

/** Webhooks (docs/desk.md, "Screens"; admins): add one (its signing secret shown once), its delivery log, `Retry` on a dead delivery. */
export function WebhooksSection() {
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const webhooks = useQuery({
    queryKey: WEBHOOKS_KEY,
    queryFn: async () => unwrap(await api.GET('/v1/webhooks', { params: { query: { limit: 200 } } })),
  });
  return (
    <section id="webhooks" aria-labelledby="webhooks-heading" className="section-block">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p className="muted">
        Other systems hear of what happens on the desk: each event is posted to the address, signed with the webhook’s secret (Standard Webhooks).
      </p>
      <h3>Add a webhook</h3>
      <AddWebhookForm onAdded={setSecret} />
      {secret && (
        <div className="notice stack" role="status">
          <p>The signing secret of {secret.url}, shown only now: store it with the receiver.</p>
          <SecretField label="Signing secret" value={secret.secret} copyLabel="Copy secret" />
        </div>
      )}
      {webhooks.isPending && <Loading what="webhooks" />}
      {webhooks.isError && <ErrorNote>The webhooks could not be loaded: {problemInWords(webhooks.error)}</ErrorNote>}
      {webhooks.data && webhooks.data.items.length === 0 && (
        <EmptyState>No webhooks yet. Add one above to send the desk’s events to another system.</EmptyState>
      )}
      {webhooks.data && webhooks.data.items.length > 0 && <h3>This desk’s webhooks</h3>}
      {webhooks.data && webhooks.data.items.length > 0 && (
        <ul className="rows" aria-label="Webhooks">
          {webhooks.data.items.map((webhook) => (
            <WebhookRow key={webhook.id} webhook={webhook} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AddWebhookForm({ onAdded }: { onAdded: (added: { url: string; secret: string }) => void }) {
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['reminder.due']);
  const action = useFormAction();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const body = { url: url.trim(), events };
      const created = unwrap(await api.POST('/v1/webhooks', { body, params: { header: { 'Idempotency-Key': keyFor(body) } } }));
      onAdded({ url: created.url, secret: created.secret });
      setUrl('');
      await queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY });
    });
  };

  return (
    <Form onSubmit={onSubmit} className="stack" aria-label="Add a webhook">
      <Field
        label="URL"
        name="url"
        type="url"
        value={url}
        onChange={setUrl}
        isRequired
        placeholder="https://"
        description="Where the events are posted (http or https, a public address)."
        {...invalidProps(action.invalid, 'url')}
      />
      <fieldset className="checkboxes">
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map((option) => (
          <div key={option.value} className="field field-inline">
            <input
              id={`webhook-event-${option.value}`}
              type="checkbox"
              checked={events.includes(option.value)}
              onChange={(event) => setEvents((list) => (event.target.checked ? [...list, option.value] : list.filter((e) => e !== option.value)))}
            />
            <label htmlFor={`webhook-event-${option.value}`}>
              {option.label} <code className="muted">{option.value}</code>
            </label>
          </div>
        ))}
      </fieldset>
      <ErrorNote>{action.error ? `Not added: ${problemInWords(action.error)}` : ''}</ErrorNote>
      <div className="form-actions">
        <Button type="submit" variant="primary" isDisabled={action.busy || events.length === 0}>
          Add webhook
        </Button>
        {events.length === 0 && <span className="field-description">Choose at least one event.</span>}
      </div>
    </Form>
  );
}

function WebhookRow({ webhook }: { webhook: Webhook }) {
  const queryClient = useQueryClient();
  const [showLog, setShowLog] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState('');
  const labelId = `webhook-${webhook.id}`;

  const remove = async () => {
    setError('');
    try {
      expectOk(await api.DELETE('/v1/webhooks/{id}', { params: { path: { id: webhook.id } } }));
      setDeleting(false);
      await queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY });
    } catch (problem) {
      setError(`Not deleted: ${problemInWords(problem)}`);
    }
  };

  return (
    <li className="row-item">
      <div className="row-split">
        <div className="stack-tight">
          <span className="row-title" id={labelId}>
            {webhook.url}
          </span>
          <span className="row-meta">
            <span>{webhook.active ? 'Active' : `Disabled${webhook.disabledReason ? `: ${webhook.disabledReason}` : ''}`}</span>
            <span>{webhook.events.map((e) => WEBHOOK_EVENTS.find((o) => o.value === e)?.label ?? e).join(' · ')}</span>
          </span>
        </div>
        <div className="row-actions">
          <Button aria-expanded={showLog} aria-describedby={labelId} onPress={() => setShowLog((shown) => !shown)}>
            {showLog ? 'Hide deliveries' : 'Show deliveries'}
          </Button>
          <Button variant="danger" aria-describedby={labelId} onPress={() => setDeleting(true)}>
            Delete
          </Button>
        </div>
      </div>
      <ErrorNote>{error}</ErrorNote>
      {showLog && <DeliveryLog webhookId={webhook.id} />}
      {deleting && (
        <ModalDialog title="Delete webhook" isOpen onOpenChange={(open) => !open && setDeleting(false)}>
          <p>Nothing more is sent to {webhook.url}.</p>
          <ErrorNote>{error}</ErrorNote>
          <div className="dialog-actions">
            <Button onPress={() => setDeleting(false)}>Cancel</Button>
            <Button variant="danger" onPress={() => void remove()}>
              Delete webhook
            </Button>
          </div>
        </ModalDialog>
      )}
    </li>
  );
}

/** A webhook's deliveries, newest first, with `Retry` on each dead one. */
function DeliveryLog({ webhookId }: { webhookId: string }) {
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [error, setError] = useState('');
  const key = [...WEBHOOKS_KEY, webhookId, 'deliveries'];
  const pages = useInfiniteQuery({
    queryKey: key,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/webhooks/{id}/deliveries', {
          params: { path: { id: webhookId }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // No live event follows a delivery: while one is still being tried, the log reads itself again.
    refetchInterval: (query) => deliveryLogRefresh(query.state.data?.pages.flatMap((page) => page.items) ?? []),
  });
  const retry = async (id: string) => {
    setError('');
    try {
      unwrap(await api.POST('/v1/deliveries/{id}/retry', { params: { path: { id } } }));
    } catch (problem) {
      setError(`Not retried: ${problemInWords(problem)}`);
    }
    await queryClient.invalidateQueries({ queryKey: key });
  };
  const deliveries = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const now = new Date();
  return (
    <div className="delivery-log">
      <h3>Deliveries</h3>
      <ErrorNote>{error}</ErrorNote>
      {pages.isPending && <Loading what="deliveries" />}
      {pages.isError && <ErrorNote>The deliveries could not be loaded: {problemInWords(pages.error)}</ErrorNote>}
      {pages.data && deliveries.length === 0 && <EmptyState>Nothing sent yet: deliveries appear here when one of its events happens.</EmptyState>}
      {deliveries.length > 0 && (
        <ul className="rows" aria-label="Deliveries">
          {deliveries.map((delivery) => (
            <li key={delivery.id} className="row-item">
              <div className="row-split">
                <div className="stack-tight">
                  <span id={`delivery-${delivery.id}`}>
                    <strong>{deliveryStatusWord(delivery.status)}</strong> · <code>{delivery.event}</code>
                  </span>
                  <span className="row-meta">
                    <time dateTime={delivery.createdAt} title={dateTime(delivery.createdAt, timeZone)}>
                      {relativeTime(delivery.createdAt, now)}
                    </time>
                    <span>{attemptsInWords(delivery.attempts)}</span>
                    {delivery.deliveredAt && <span>Delivered {dateTime(delivery.deliveredAt, timeZone)}</span>}
                    {delivery.nextAttemptAt && <span>Next attempt {relativeTime(delivery.nextAttemptAt, now)}</span>}
                  </span>
                  {delivery.lastError && <span className="row-about">Last error: {delivery.lastError}</span>}
                </div>
                {delivery.status === 'dead' && (
                  <Button aria-describedby={`delivery-${delivery.id}`} onPress={() => void retry(delivery.id)}>
                    Retry
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={pages} what="deliveries" />
    </div>
  );
}
