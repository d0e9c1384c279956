import { DOMParser, type Document } from '@xmldom/xmldom';
import { HtmlValidate } from 'html-validate';
import type { Desk } from './app';
import { createClaim, inDays, transition } from './claims';
import type { HttpClient, HttpResponse } from './http';

export interface Publishing {
  text: string;
  kind?: 'promise' | 'statement';
  claimant?: { name: string; affiliation?: string };
  rating: string;
  summary?: string;
  quote?: string;
  claimedAt?: string;
  sourceId?: string;
  reviewUrl?: string;
  evidence?: Array<{ description: string; url?: string; stance: 'supports' | 'refutes' | 'context' }>;
  /** Monitor the promise first, with a follow-up this many days ahead (its next check). */
  followUpInDays?: number;
}

async function step(client: HttpClient, id: string, body: Record<string, unknown>): Promise<HttpResponse> {
  const response = await transition(client, id, body);
  if (response.status !== 200) throw new Error(`transition to ${String(body.to)}: ${response.status} ${response.text}`);
  return response;
}

/** Researches, rates and publishes a claim already created (or reopened), as a desk would. */
export async function rateAndPublish(desk: Desk, id: string, p: Omit<Publishing, 'text' | 'claimant' | 'quote' | 'claimedAt' | 'sourceId'>): Promise<void> {
  if (p.followUpInDays !== undefined) await step(desk.checker, id, { to: 'monitoring', followUpAt: inDays(p.followUpInDays) });
  for (const evidence of p.evidence ?? [{ description: 'Budget statement, page 12', stance: 'context' as const }]) {
    const added = await desk.checker.post(`/v1/claims/${id}/evidence`, evidence);
    if (added.status !== 201) throw new Error(`evidence: ${added.status} ${added.text}`);
  }
  await step(desk.checker, id, { to: 'in_review', verdict: { rating: p.rating, summary: p.summary ?? `Rated ${p.rating}.` } });
  await step(desk.editor, id, { to: 'published', ...(p.reviewUrl ? { reviewUrl: p.reviewUrl } : {}) });
}

/** A new claim, published with the given rating: returns its id. */
export async function publishClaim(desk: Desk, p: Publishing): Promise<string> {
  const { body } = await createClaim(desk.checker, {
    text: p.text,
    kind: p.kind ?? 'promise',
    claimant: p.claimant ?? { name: "Korir Sing'Oei" },
    ...(p.quote ? { quote: p.quote } : {}),
    ...(p.claimedAt ? { claimedAt: p.claimedAt } : {}),
    ...(p.sourceId ? { sourceId: p.sourceId } : {}),
  });
  await step(desk.checker, body.id, { to: 'in_research' });
  await rateAndPublish(desk, body.id, p);
  return body.id;
}

/** Reopens a published claim (an editor, with a note). */
export async function reopen(desk: Desk, id: string, note: string): Promise<void> {
  await step(desk.editor, id, { to: 'in_research', note });
}

export async function enableTracker(desk: Desk, tracker: Record<string, unknown> = {}): Promise<string> {
  const response = await desk.admin.patch('/v1/workspace', { tracker: { enabled: true, ...tracker } });
  if (response.status !== 200) throw new Error(`tracker settings: ${response.status} ${response.text}`);
  return response.body.slug;
}

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

/** html-validate's findings on a page, one line each ("rule: message at line:column"); none for a valid page. */
export async function htmlFindings(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`));
}

/** Parses XML strictly: any warning or error of the parser throws. */
export function parseXml(text: string): Document {
  const problems: string[] = [];
  const document = new DOMParser({
    onError: (level, message) => {
      problems.push(`${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
  if (problems.length > 0) throw new Error(`not well-formed XML: ${problems.join('; ')}`);
  return document;
}

/** The addresses a page links to (href attributes), as found in its HTML. */
export function links(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
}
