import { createMiddleware } from 'hono/factory';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';

/**
 * HTTP hygiene for public GETs: a strong ETag from the body (so `If-None-Match` answers 304 without a body) and
 * a Cache-Control header on every successful answer. HEAD is answered by Hono from the GET handler, without a
 * body, so it gets the same headers. CORS headers survive a 304 so a browser revalidating a cross-origin
 * response keeps accepting it.
 */
export function cacheable(cacheControl: string) {
  const setCacheControl = createMiddleware(async (c, next) => {
    await next();
    if (c.res.ok && !c.res.headers.has('cache-control')) c.res.headers.set('cache-control', cacheControl);
  });
  const tagged = etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'access-control-allow-origin', 'access-control-expose-headers'] });
  return [tagged, setCacheControl] as const;
}

/** Status data changes within a minute: short freshness, then revalidate (cheap thanks to the ETag). */
export const STATUS_CACHE = 'public, max-age=15, stale-while-revalidate=30, stale-if-error=300';
/** Documents that change only with a deploy (the OpenAPI document, the reference page). */
export const DOC_CACHE = 'public, max-age=300';
