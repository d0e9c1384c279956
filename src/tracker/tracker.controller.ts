import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/actor';
import { noneMatchHits } from '../common/http/etag';
import { HTML, type Rendered } from './rendered';
import { TrackerService, type ListParams, type Redirect } from './tracker.service';

/** Pages and feeds: readers and caches may keep them a minute, then revalidate with the ETag. */
const CACHE_CONTROL = 'public, max-age=60';
/** The stylesheet's name carries its hash: a new one is a new address, so this one never changes. */
const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/**
 * The pages run no script at all, load nothing but their own stylesheet, and send their one form
 * (the filters, a GET) only to themselves.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'";

/**
 * The public tracker at /t/<slug> (docs/api.md, "The public promise tracker"): HTML documents and
 * Atom feeds for readers, without sign-in. They are not part of the JSON API, so the API
 * reference leaves them out, and their errors are pages too (a 404 page, as the contract says).
 */
@ApiExcludeController()
@Public()
@Controller('t')
export class TrackerController {
  constructor(private readonly tracker: TrackerService) {}

  @Get('_assets/:file')
  stylesheet(@Param('file') file: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): void {
    const { stylesheet } = this.tracker;
    if (file !== stylesheet.name) {
      reply.status(404).header('cache-control', CACHE_CONTROL).type('text/plain; charset=utf-8').send('Not found');
      return;
    }
    reply.header('cache-control', ASSET_CACHE_CONTROL).header('etag', stylesheet.etag).header('x-content-type-options', 'nosniff');
    if (noneMatchHits(ifNoneMatch, stylesheet.etag)) reply.status(304).send();
    else reply.type('text/css; charset=utf-8').send(stylesheet.body);
  }

  @Get(':slug')
  async promises(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(request, reply, await this.tracker.list(slug, 'promise', request.query as ListParams));
  }

  @Get(':slug/fact-checks')
  async factChecks(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(request, reply, await this.tracker.list(slug, 'statement', request.query as ListParams));
  }

  @Get(':slug/about')
  async about(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(request, reply, await this.tracker.about(slug));
  }

  @Get(':slug/feed.xml')
  async feed(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(request, reply, await this.tracker.feed(slug));
  }

  @Get(':slug/claimants/:claimant')
  async claimant(@Param('slug') slug: string, @Param('claimant') claimant: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(request, reply, await this.tracker.claimant(slug, claimant));
  }

  @Get(':slug/claimants/:claimant/feed.xml')
  async claimantFeed(
    @Param('slug') slug: string,
    @Param('claimant') claimant: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(request, reply, await this.tracker.claimantFeed(slug, claimant));
  }

  @Get(':slug/claims/:id')
  async claim(@Param('slug') slug: string, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(request, reply, await this.tracker.claim(slug, id));
  }

  /** Every other address under /t/ is the tracker's own 404 page; a trailing slash is forgiven. */
  @Get('*')
  async unknown(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const path = request.url.split('?')[0];
    if (path.length > 3 && path.endsWith('/') && !path.endsWith('//')) {
      reply.redirect(path.replace(/\/+$/, '') + request.url.slice(path.length), 301);
      return;
    }
    const slug = /^\/t\/([a-z0-9-]{3,40})(?:\/|$)/.exec(path)?.[1];
    send(request, reply, await this.tracker.unknown(slug));
  }
}

function send(request: FastifyRequest, reply: FastifyReply, page: Rendered | Redirect): void {
  reply.header('cache-control', CACHE_CONTROL).header('x-content-type-options', 'nosniff');
  if ('redirect' in page) {
    reply.redirect(page.redirect, 301);
    return;
  }
  reply.header('etag', page.etag);
  if (page.contentType === HTML) reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('referrer-policy', 'strict-origin-when-cross-origin');
  if (page.status === 200 && noneMatchHits(request.headers['if-none-match'], page.etag)) {
    reply.status(304).send();
    return;
  }
  reply.status(page.status).type(page.contentType).send(page.body);
}
