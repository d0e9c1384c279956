import { Inject, Injectable } from '@nestjs/common';
import { RATING_WORDS } from '../publishing/claimreview';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { shorten } from './markup';
import { ATOM, rendered, trackerTemplates, type Rendered } from './rendered';
import type { Publication, TrackerSite } from './tracker-reader';
import { TrackerUrls } from './tracker-urls';

/** The tracker's Atom feeds (RFC 4287): the whole tracker's, and one per claimant. */
@Injectable()
export class TrackerFeed {
  private readonly eta = trackerTemplates();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The latest publications, newest first; `claimant` narrows the feed to one person. */
  render(site: TrackerSite, publications: Publication[], claimant?: { slug: string; name: string }): Rendered {
    const urls = new TrackerUrls(site.slug);
    const self = urls.absolute(this.config, claimant ? urls.claimantFeed(claimant.slug) : urls.feed);
    const siteTitle = site.title ?? site.name;
    const body = this.eta.render('./feed', {
      id: self,
      title: claimant ? `${claimant.name} — ${siteTitle}` : siteTitle,
      subtitle: claimant ? `New ratings of what ${claimant.name} promised and said` : site.intro ? shorten(site.intro, 300) : null,
      // An empty feed is as old as the workspace: the same every time it is read, so its ETag holds.
      updated: (publications[0]?.publishedAt ?? site.createdAt).toISOString(),
      self,
      alternate: urls.absolute(this.config, claimant ? urls.claimant(claimant.slug) : urls.home),
      publisher: site.name,
      entries: publications.map((p) => ({
        id: `urn:uuid:${p.id}`,
        title: `${RATING_WORDS[p.rating]}: ${p.text}`,
        href: urls.absolute(this.config, urls.claim(p.claimId)),
        published: p.publishedAt.toISOString(),
        rating: p.rating,
        ratingWords: RATING_WORDS[p.rating],
        summary: `${p.claimantName}: ${p.summary}`,
      })),
    });
    return rendered(200, ATOM, body);
  }
}
