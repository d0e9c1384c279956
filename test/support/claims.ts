import type { Desk } from './app';
import type { HttpClient, HttpResponse } from './http';

export type Status = 'submitted' | 'in_research' | 'monitoring' | 'in_review' | 'published' | 'rejected';

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** POST /v1/claims; throws unless 201. */
export async function createClaim(client: HttpClient, body: Record<string, unknown> = {}): Promise<HttpResponse> {
  const response = await client.post('/v1/claims', {
    text: 'Kenya has spent Ksh 2.1 billion on the Haiti mission',
    kind: 'statement',
    claimant: { name: "Korir Sing'Oei" },
    ...body,
  });
  if (response.status !== 201) throw new Error(`create claim: ${response.status} ${response.text}`);
  return response;
}

/** A transition with the claim's current ETag (read first). */
export async function transition(client: HttpClient, claimId: string, body: Record<string, unknown>): Promise<HttpResponse> {
  const current = await client.get(`/v1/claims/${claimId}`);
  return client.post(`/v1/claims/${claimId}/transitions`, body, { headers: { 'if-match': current.headers.get('etag') ?? '' } });
}

async function step(client: HttpClient, claimId: string, body: Record<string, unknown>): Promise<void> {
  const response = await transition(client, claimId, body);
  if (response.status !== 200) throw new Error(`transition to ${String(body.to)}: ${response.status} ${response.text}`);
}

/** A new claim of `kind`, moved by the desk into `status` through legal transitions. */
export async function claimIn(desk: Desk, status: Status, kind: 'statement' | 'promise' | 'opinion' = 'promise'): Promise<string> {
  const { body } = await createClaim(desk.checker, { kind, text: `Kenya will be reimbursed for the Haiti mission (${status} ${Math.random()})` });
  const id: string = body.id;
  if (status === 'submitted') return id;
  if (status === 'rejected') {
    await step(desk.editor, id, { to: 'rejected', note: 'Not checkable' });
    return id;
  }
  await step(desk.checker, id, { to: 'in_research' });
  if (status === 'in_research') return id;
  if (status === 'monitoring') {
    await step(desk.checker, id, { to: 'monitoring', followUpAt: inDays(30) });
    return id;
  }
  await desk.checker.post(`/v1/claims/${id}/evidence`, { description: 'Budget statement', stance: 'context' });
  const rating = kind === 'promise' ? 'in_the_works' : 'mostly_true';
  await step(desk.checker, id, { to: 'in_review', verdict: { rating, summary: 'Checked.' } });
  if (status === 'in_review') return id;
  await step(desk.editor, id, { to: 'published' });
  return id;
}
