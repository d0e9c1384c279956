import corpus from '../fixtures/hostile-markdown.json';

/** One hostile comment body of test/fixtures/hostile-markdown.json, built. */
export interface HostileCase {
  name: string;
  why: string;
  body: string;
  /** What POST /v1/claims/:id/comments must answer: 201 (stored as written), 400 or 413. */
  status: 201 | 400 | 413;
}

interface StoredCase {
  name: string;
  why: string;
  status: number;
  body?: string;
  repeat?: string;
  times?: number;
  prefix?: string;
  suffix?: string;
}

/** Every case of the corpus, with generated bodies written out. */
export function hostileCases(): HostileCase[] {
  return (corpus.cases as StoredCase[]).map((c) => ({
    name: c.name,
    why: c.why,
    status: c.status as HostileCase['status'],
    body: c.body ?? `${c.prefix ?? ''}${(c.repeat ?? '').repeat(c.times ?? 0)}${c.suffix ?? ''}`,
  }));
}
