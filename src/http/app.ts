import { Hono, type MiddlewareHandler } from 'hono';
import type postgres from 'postgres';
import type { PageConfig } from '../config/schema.js';
import { listMonitorStatus } from '../db/status-queries.js';
import type { Log } from '../log.js';
import type { TickReport } from '../scheduler/tick.js';
import { buildSnapshot } from '../snapshot/build.js';
import { SnapshotCache } from '../snapshot/cache.js';
import { memorySnapshotStore } from '../snapshot/store.js';
import { newId } from '../alerts/ids.js';
import { requireAdmin } from './admin-auth.js';
import { createAdminApi } from './admin/index.js';
import { createApiV1 } from './api-v1/index.js';
import { createApiV2 } from './api-v2.js';
import { createBadges } from './badges.js';
import { createFeeds } from './feeds.js';
import { createMetrics } from './metrics.js';
import { createPageRoutes } from './page-routes.js';
import { DatabaseGate, isDatabaseUnreachable } from '../db/unavailable.js';
import { databaseDeadline } from './deadline.js';
import { isExpectedError, ProblemError, problemResponse, toProblem } from './problem.js';

/**
 * Routes whose every request needs the database. The public reads (page, /api/v2, feeds, badges, /api/v1 monitors,
 * components and uptime) belong to the read path, which serves them from the snapshot, not here.
 */
const DATABASE_ROUTES = [
  '/api/v1/admin/*', '/api/v1/monitors/:id/checks', '/api/v1/monitors/:id/daily', '/api/v1/incidents', '/api/v1/incidents/*', '/metrics', '/metrics/*',
];

export interface AppDeps {
  /** A database handle for this request (Workers: per invocation; Node: the shared pool). */
  sql: () => postgres.Sql;
  page: PageConfig;
  clock: () => Date;
  log: Log;
  adminToken: string | undefined;
  runTick: () => Promise<TickReport>;
  /** The status page's snapshot cache; by default one in memory, read through `sql`. */
  snapshots?: SnapshotCache;
  /** Node: serves public/ (on Workers the [assets] binding does, before the app sees the request). */
  staticFiles?: MiddlewareHandler;
}

/** The default snapshot cache: in memory, refreshed from `deps.sql` (Node's entry refreshes it after each tick). */
export function createSnapshotCache(deps: Pick<AppDeps, 'sql' | 'clock' | 'log'>): SnapshotCache {
  return new SnapshotCache({ build: () => buildSnapshot(deps.sql(), deps.clock()), store: memorySnapshotStore(), clock: deps.clock, log: deps.log });
}

export function createApp(deps: AppDeps) {
  const app = new Hono();

  app.onError((err, c) => {
    if (isDatabaseUnreachable(err)) deps.log('warn', 'request failed: database unavailable', { path: c.req.path, error: err.message });
    else if (!isExpectedError(err)) deps.log('error', 'request failed', { path: c.req.path, error: err.message });
    return toProblem(err, c);
  });
  app.notFound((c) => problemResponse(c, 404, 'Not Found', `no route for ${c.req.method} ${c.req.path}`));

  // No response is to be sniffed into something else (a JSON body rendered as HTML, say): one header for all.
  app.use('*', async (c, next) => {
    await next();
    try {
      c.res.headers.set('x-content-type-options', 'nosniff');
    } catch {
      // Immutable headers (a response taken from a cache as is): copy it once to add the header.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set('x-content-type-options', 'nosniff');
    }
  });
  // Routes that query the database per request answer within a bounded time, 503 when it is away. Only those: a
  // route served from the snapshot must keep answering while the database is down. The tick is not one either: it
  // probes for as long as its monitors take, and fails fast by itself when the database is away.
  const deadline = databaseDeadline(new DatabaseGate());
  for (const path of DATABASE_ROUTES) app.use(path, (c, next) => (c.req.path === '/api/v1/admin/tick' ? next() : deadline(c, next)));

  app.route('/api/v2', createApiV2(deps));

  app.get('/healthz', (c) => c.json({ ok: true, time: deps.clock().toISOString() }, 200, { 'cache-control': 'no-store' }));

  const snapshots = deps.snapshots ?? createSnapshotCache(deps);
  app.route('/api/v1/admin', createAdminApi({ ...deps, newId, onChange: () => void snapshots.refresh() }));
  app.route('/api/v1', createApiV1(deps));
  app.route('/badges', createBadges(deps));
  app.route('/metrics', createMetrics(deps));
  app.route('/', createFeeds(deps));

  app.post('/api/v1/admin/tick', requireAdmin(deps.adminToken), async (c) => {
    const report = await deps.runTick();
    if (report.databaseUnavailable) throw new ProblemError(503, 'Service Unavailable', `the tick could not reach the database: ${report.error}`);
    return c.json(report);
  });

  if (deps.staticFiles) {
    // The files in public/ (Workers' [assets] serves the same set before the app runs).
    app.use('/assets/*', deps.staticFiles);
    app.use('/robots.txt', deps.staticFiles);
  }
  app.route('/', createPageRoutes({ snapshots, page: deps.page, clock: deps.clock, sql: deps.sql }));

  return app;
}
