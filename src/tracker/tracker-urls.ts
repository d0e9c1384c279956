import type { AppConfig } from '../config/env';

/** `?a=1&b=2` of the values given, in a stable order; empty when none is. */
export function queryString(values: Record<string, string | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The tracker's addresses, as paths under the origin. */
export class TrackerUrls {
  readonly home: string;
  constructor(slug: string) {
    this.home = `/t/${slug}`;
  }
  get factChecks() {
    return `${this.home}/fact-checks`;
  }
  get about() {
    return `${this.home}/about`;
  }
  get feed() {
    return `${this.home}/feed.xml`;
  }
  claim(id: string) {
    return `${this.home}/claims/${id}`;
  }
  claimant(slug: string) {
    return `${this.home}/claimants/${encodeURIComponent(slug)}`;
  }
  claimantFeed(slug: string) {
    return `${this.claimant(slug)}/feed.xml`;
  }
  absolute(config: AppConfig, path: string) {
    return `${config.publicUrl}${path}`;
  }
}
