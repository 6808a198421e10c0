// How a public read is answered: from the published site (a lookup), or made once per publication from its
// snapshot. A visitor's request reaches the database only when there has never been a site (a first start) or for
// pages the snapshot does not hold (older history).
import type { Context } from 'hono';
import type { ReportsConfig } from '../config/reports-schema.js';
import type { PageConfig } from '../config/schema.js';
import type { Published, StatusSite } from '../site/site.js';
import { acceptedEncodings, publish, representationOf, type RenderedAnswer } from '../site/published-file.js';
import { respondWith } from '../site/respond.js';
import { unavailableAnswer, type SiteContext } from '../site/render.js';
import { JSON_TYPE, PUBLIC_API_HEADERS, STATUS_CACHE } from '../site/headers.js';
import type { StatusData } from '../snapshot/types.js';
import { problemResponse } from './problem.js';

export interface PublicReadDeps {
  site: StatusSite;
  page: PageConfig;
  publicUrl: string;
  clock: () => Date;
  /** A read of the status data on this request's database client. */
  read: () => Promise<StatusData>;
  /** Visitor reports as configured (the form and charts on pages made on demand). */
  reportsConfig?: ReportsConfig;
}

const conditional = (c: Context) => ({ ifNoneMatch: c.req.header('if-none-match'), ifModifiedSince: c.req.header('if-modified-since'), head: c.req.method === 'HEAD' });

/** When there is nothing to serve: the 503 page for pages, a 503 problem for the rest. */
export async function serveUnavailable(c: Context, deps: PublicReadDeps, html: boolean): Promise<Response> {
  if (!html) return problemResponse(c, 503, 'Service Unavailable', 'the status data cannot be read right now; try again in a minute');
  const file = await publish(unavailableAnswer(deps.page, deps.clock()), { dataAt: deps.clock().getTime(), generatedAt: deps.clock().getTime() });
  return respondWith(representationOf(file, ['identity']), {});
}

/** Answer with the published file at `path`. */
export async function servePublished(c: Context, deps: PublicReadDeps, path: string, html: boolean): Promise<Response> {
  const rep = await deps.site.representation(path, acceptedEncodings(c.req.header('accept-encoding')), deps.read);
  return rep ? respondWith(rep, conditional(c)) : serveUnavailable(c, deps, html);
}

/**
 * Answer with `produce`'s answer for this URL (path and query as asked), made once per publication; null from
 * `produce` means there is nothing to answer with (a 404 or 503 is the caller's to give).
 */
export async function serveMade(c: Context, deps: PublicReadDeps, html: boolean, produce: (p: Published, ctx: SiteContext) => Promise<RenderedAnswer | null>): Promise<Response | null> {
  const url = c.req.url;
  const query = url.indexOf('?');
  const key = query < 0 ? c.req.path : `${c.req.path}${url.slice(query)}`;
  const rep = await deps.site.answer(key, acceptedEncodings(c.req.header('accept-encoding')), deps.read, (p) =>
    produce(p, { page: deps.page, publicUrl: deps.publicUrl, now: deps.clock(), stale: p.head.stale, reports: deps.reportsConfig }),
  );
  if (rep) return respondWith(rep, conditional(c));
  return (await deps.site.snapshot(deps.read)) ? null : serveUnavailable(c, deps, html);
}

/**
 * A public read answered from the database (checks, daily series, explicit ranges, incident pages): the same
 * headers, ETag and encodings as a published answer, made for this request.
 */
export async function serveRead(c: Context, value: unknown): Promise<Response> {
  const now = Date.now();
  const headers = { ...PUBLIC_API_HEADERS, 'content-type': JSON_TYPE, 'cache-control': STATUS_CACHE };
  const file = await publish({ status: 200, body: JSON.stringify(value), headers }, { dataAt: now, generatedAt: now });
  return respondWith(representationOf(file, acceptedEncodings(c.req.header('accept-encoding'))), conditional(c));
}
