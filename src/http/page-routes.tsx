// The public pages: /, /history, /incidents/:id. Served from the snapshot cache and rendered once per snapshot,
// with ETag/Last-Modified (304s), cache headers that let browsers and CDNs ride out an outage, and a strict CSP.
import { Hono, type Context } from 'hono';
import type postgres from 'postgres';
import type { PageConfig } from '../config/schema.js';
import { getIncident, listIncidents } from '../db/incident-queries.js';
import { httpDate } from '../page/format-time.js';
import { toSnapshotIncident } from '../page/from-db.js';
import { HistoryPage, IncidentPage, MessagePage } from '../page/history-page.js';
import type { PageFrame } from '../page/layout.js';
import { RenderedPages, type RenderedPage } from '../page/rendered-cache.js';
import { ByteWriter } from '../page/byte-writer.js';
import { ROWS_MARK, StatusPage, type RowWriter } from '../page/status-page.js';
import { RECENT_INCIDENTS } from '../snapshot/build.js';
import type { CachedSnapshot, SnapshotCache } from '../snapshot/cache.js';
import type { StatusSnapshot } from '../snapshot/types.js';

export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers every page carries, cached or not. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** Short freshness, long grace: a CDN or browser may serve an old copy while revalidating or while we fail. */
export const PAGE_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=60, stale-if-error=86400';

export interface PageRoutesDeps {
  snapshots: SnapshotCache;
  page: PageConfig;
  clock: () => Date;
  sql: () => postgres.Sql;
}

type Rendered = { status: number; html: string | Uint8Array<ArrayBuffer>; dataAt: number } | null;
const render = async (node: unknown): Promise<string> => `<!doctype html>${await String(node)}`;

/**
 * The front page's bytes for a snapshot: the markup rendered with ROWS_MARK where each group's component rows go,
 * then written piece by piece with the rows written straight into the same buffer (see ByteWriter).
 */
export async function renderStatusPage(snapshot: StatusSnapshot, page: PageConfig, now: number, stale: boolean): Promise<Uint8Array<ArrayBuffer>> {
  const rows: RowWriter[] = [];
  const html = await render(<StatusPage snapshot={snapshot} frame={{ page, now, staleSince: stale ? snapshot.generatedAt : null }} rows={rows} />);
  const parts = html.split(ROWS_MARK);
  if (parts.length !== rows.length + 1) throw new Error('status page: component rows and their places do not match');
  // About 5 KB per component (90 cells, two charts): one buffer of the right size, no regrowth.
  const w = new ByteWriter(html.length + 6144 * snapshot.components.length);
  parts.forEach((part, i) => {
    w.str(part);
    rows[i]?.(w);
  });
  return w.done();
}

export function createPageRoutes(deps: PageRoutesDeps) {
  const app = new Hono();
  const pages = new RenderedPages();

  const frameOf = (cached: CachedSnapshot): PageFrame => ({ page: deps.page, now: deps.clock().getTime(), staleSince: cached.stale ? cached.snapshot.generatedAt : null });

  /** Serve `key` from the rendered cache, or the 503 page when there is no snapshot at all. */
  async function serve(c: Context, key: string, produce: (cached: CachedSnapshot) => Promise<Rendered>): Promise<Response> {
    const cached = await deps.snapshots.get();
    if (!cached) return unavailable(c);
    const now = deps.clock().getTime();
    const page = await pages.get(key, `${cached.snapshot.generatedAt}|${cached.stale}`, now, () => produce(cached));
    if (!page) return unavailable(c);
    return respond(c, page);
  }

  // Header sets are built once per rendered page, not per request: the cached path is a lookup and a write.
  const headerSets = new WeakMap<RenderedPage, { full: Record<string, string>; notModified: Record<string, string> }>();
  function respond(c: Context, page: RenderedPage): Response {
    let sets = headerSets.get(page);
    if (!sets) {
      const notModified: Record<string, string> = {
        ...SECURITY_HEADERS, etag: page.etag, 'last-modified': httpDate(page.dataAt),
        'cache-control': page.status === 200 ? PAGE_CACHE_CONTROL : 'public, max-age=10',
      };
      sets = { notModified, full: { ...notModified, 'content-type': 'text/html; charset=utf-8' } };
      headerSets.set(page, sets);
    }
    if (page.status === 200 && isNotModified(c, page)) return new Response(null, { status: 304, headers: sets.notModified });
    return new Response(page.body, { status: page.status, headers: sets.full });
  }

  function unavailable(c: Context): Response {
    const frame: PageFrame = { page: deps.page, now: deps.clock().getTime(), staleSince: null };
    const body = `<!doctype html>${String(<MessagePage frame={frame} title="Status temporarily unavailable" message="The status data cannot be read right now. This page will be back shortly; please try again in a minute." />)}`;
    return c.body(body, 503, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '30' });
  }

  app.get('/', (c) =>
    serve(c, 'status', async (cached) => ({ status: 200, html: await renderStatusPage(cached.snapshot, deps.page, deps.clock().getTime(), cached.stale), dataAt: cached.snapshot.generatedAt })),
  );

  app.get('/history', async (c) => {
    const beforeRaw = c.req.query('before');
    const before = beforeRaw ? new Date(beforeRaw) : null;
    if (before && Number.isNaN(before.getTime())) return c.redirect('/history', 302);
    return serve(c, before ? `history:${before.toISOString()}` : 'history', async (cached) => {
      const frame = frameOf(cached);
      let incidents = cached.snapshot.incidents;
      if (before) {
        try {
          incidents = (await listIncidents(deps.sql(), { limit: RECENT_INCIDENTS, before })).map(toSnapshotIncident);
        } catch {
          return null;
        }
      }
      const oldest = incidents[incidents.length - 1];
      const olderHref = incidents.length >= RECENT_INCIDENTS && oldest ? `/history?before=${encodeURIComponent(new Date(oldest.startedAt).toISOString())}` : null;
      return { status: 200, html: await render(<HistoryPage incidents={incidents} frame={frame} olderHref={olderHref} />), dataAt: cached.snapshot.generatedAt };
    });
  });

  app.get('/incidents/:id', (c) => {
    const id = c.req.param('id');
    return serve(c, `incident:${id}`, async (cached) => {
      const frame = frameOf(cached);
      let incident = cached.snapshot.incidents.find((i) => i.id === id) ?? null;
      if (!incident) {
        try {
          const row = await getIncident(deps.sql(), id);
          incident = row && toSnapshotIncident(row);
        } catch {
          return null;
        }
      }
      if (!incident) return { status: 404, html: await render(<MessagePage frame={frame} title="Incident not found" message="There is no incident with this address." />), dataAt: cached.snapshot.generatedAt };
      return { status: 200, html: await render(<IncidentPage incident={incident} frame={frame} />), dataAt: cached.snapshot.generatedAt };
    });
  });

  return app;
}

function isNotModified(c: Context, page: RenderedPage): boolean {
  const inm = c.req.header('if-none-match');
  if (inm !== undefined) return inm.trim() === '*' || inm.split(',').some((t) => t.trim().replace(/^W\//, '') === page.etag);
  const ims = c.req.header('if-modified-since');
  if (!ims) return false;
  const t = Date.parse(ims);
  return !Number.isNaN(t) && Math.floor(page.dataAt / 1000) * 1000 <= t;
}
