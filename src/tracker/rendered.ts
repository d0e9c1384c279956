import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Eta } from 'eta';
import { escapeMarkup } from './markup';

/** A rendered page or feed: its body and the strong ETag of that body. */
export interface Rendered {
  status: number;
  contentType: string;
  body: string;
  etag: string;
}

export const HTML = 'text/html; charset=utf-8';
export const ATOM = 'application/atom+xml; charset=utf-8';

/** The tracker's templates (views/): every interpolation escaped by escapeMarkup, compiled once and cached. */
export function trackerTemplates(): Eta {
  return new Eta({
    views: join(__dirname, 'views'),
    cache: true,
    autoEscape: true,
    escapeFunction: escapeMarkup,
    useWith: false,
    varName: 'it',
  });
}

export function rendered(status: number, contentType: string, body: string): Rendered {
  return { status, contentType, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}
