import { createMiddleware } from 'hono/factory';

/**
 * stale-if-error for the public read APIs: every successful answer is remembered (per path, in this process or
 * isolate), and when the database fails the last good answer is served again, marked with `x-lookout-stale`
 * (when it was produced), instead of an error. Consumers such as the embed widget and feed readers then keep
 * showing the last known state through a database outage, like the status page does from its snapshot.
 */
export function serveLastGoodOnError(maxEntries = 100) {
  const saved = new Map<string, { body: string; contentType: string; at: string }>();
  return createMiddleware(async (c, next) => {
    await next();
    const key = new URL(c.req.url).pathname;
    if (c.res.status === 200 && !c.error) {
      if (saved.size >= maxEntries && !saved.has(key)) saved.clear();
      saved.set(key, { body: await c.res.clone().text(), contentType: c.res.headers.get('content-type') ?? 'application/json', at: new Date().toISOString() });
      return;
    }
    const last = saved.get(key);
    if (c.error && last && c.res.status >= 500) {
      c.res = new Response(last.body, { status: 200, headers: { 'content-type': last.contentType, 'x-lookout-stale': last.at } });
    }
  });
}
