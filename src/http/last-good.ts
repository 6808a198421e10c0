import { createMiddleware } from 'hono/factory';

interface SavedAnswer {
  body: string;
  headers: Record<string, string>;
  /** When it was produced (the clock's epoch ms). */
  at: number;
}

export interface SharedAnswersOptions {
  /** How long an answer is served again without asking the database (default 5 s). */
  freshMs?: number;
  clock?: () => Date;
  maxEntries?: number;
}

/**
 * The public read APIs (Statuspage v2, feeds, badges) under a herd, per process or isolate:
 * - an answer younger than `freshMs` is served again to everyone asking for the same URL (host, path and query),
 *   and concurrent requests for a URL with no fresh answer share one handler run: a thousand embed widgets or
 *   README badges polling during an outage cost one set of queries per URL every few seconds, not one per request;
 * - stale-if-error: when the database fails, the last good answer is served again, marked with `x-lookout-stale`
 *   (when it was produced), instead of an error, like the status page does from its snapshot.
 * Only 200s are kept. The ETag, Cache-Control and CORS middlewares outside this one apply to replayed answers too.
 */
export function sharedAnswers(o: SharedAnswersOptions = {}) {
  const freshMs = o.freshMs ?? 5_000;
  const clock = o.clock ?? (() => new Date());
  const maxEntries = o.maxEntries ?? 100;
  const saved = new Map<string, SavedAnswer>();
  const inFlight = new Map<string, Promise<SavedAnswer | null>>();
  const replay = (s: SavedAnswer, stale: boolean) =>
    new Response(s.body, { status: 200, headers: stale ? { ...s.headers, 'x-lookout-stale': new Date(s.at).toISOString() } : s.headers });

  return createMiddleware(async (c, next) => {
    const url = new URL(c.req.url);
    const key = `${url.host}${url.pathname}${url.search}`;
    const now = clock().getTime();
    const fresh = saved.get(key);
    if (fresh && now - fresh.at < freshMs) return replay(fresh, false);
    const pending = inFlight.get(key);
    if (pending) {
      const shared = await pending;
      if (shared) return replay(shared, false);
    }
    let settle: (s: SavedAnswer | null) => void = () => undefined;
    if (!pending) inFlight.set(key, new Promise((resolve) => (settle = resolve)));
    let result: SavedAnswer | null = null;
    try {
      await next();
      if (c.res.status === 200 && !c.error) {
        result = { body: await c.res.clone().text(), headers: Object.fromEntries(c.res.headers), at: now };
        if (saved.size >= maxEntries && !saved.has(key)) saved.clear();
        saved.set(key, result);
        return;
      }
      const last = saved.get(key);
      if (c.error && last && c.res.status >= 500) c.res = replay(last, true);
    } finally {
      if (!pending) {
        inFlight.delete(key);
        settle(result);
      }
    }
  });
}
