import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type postgres from 'postgres';
import { newId } from '../alerts/ids.js';
import type { ReportsConfig } from '../config/reports-schema.js';
import type { PageConfig } from '../config/schema.js';
import type { Log } from '../log.js';
import type { TickReport } from '../scheduler/tick.js';
import { PUBLIC_API_HEADERS } from '../site/headers.js';
import { renderSite } from '../site/render.js';
import { StatusSite } from '../site/site.js';
import { memorySiteStore, type SiteStore } from '../site/store.js';
import { readStatusData } from '../snapshot/read.js';
import { createTokenAuthority, type ConfigToken } from '../auth/principal.js';
import { requireToken } from './admin-auth.js';
import { createAdminApi } from './admin/index.js';
import { createAgentApi, type AgentRoutesDeps } from './agent-routes.js';
import { createApiV1 } from './api-v1/index.js';
import { createConsole } from '../console/index.js';
import { INCIDENT_TEMPLATES, type IncidentTemplate } from '../core/incident-templates.js';
import { createMetrics } from './metrics.js';
import { DatabaseGate, isDatabaseUnreachable } from '../db/unavailable.js';
import { databaseDeadline } from './deadline.js';
import { isExpectedError, ProblemError, problemResponse, toProblem } from './problem.js';
import { createPublicRoutes } from './public-routes.js';
import { createReportRoutes, type ReportIntake } from './reports-route.js';

/**
 * Routes whose every request needs the database (and explicit uptime ranges, below). The public reads (page,
 * /api/v2, feeds, badges, /api/v1 monitors, components and named windows) are served from the published site.
 */
const DATABASE_ROUTES = [
  '/api/v1/admin/*', '/api/v1/monitors/:id/checks', '/api/v1/monitors/:id/daily', '/api/v1/components/:id/daily', '/api/v1/incidents', '/api/v1/incidents/*',
  '/metrics', '/metrics/*', '/api/v1/heartbeats/*', '/admin', '/admin/*', '/api/v1/agent/*',
];
/** Uptime over a window: from the published site, except an explicit from/to range, read from the rollups. */
const RANGE_ROUTES = ['/api/v1/uptime', '/api/v1/monitors/:id/uptime', '/api/v1/components/:id/uptime'];

export interface AppDeps {
  /** The database client of this request (Node: the shared pool; Workers: the invocation's, from the context). */
  sql: () => postgres.Sql;
  page: PageConfig;
  clock: () => Date;
  log: Log;
  adminToken: string | undefined;
  /** The console's incident templates (the config's `incidentTemplates`); the built-in ones by default. */
  incidentTemplates?: readonly IncidentTemplate[];
  /** Named tokens from the config file (`tokens`), their secrets read from the environment. */
  configTokens?: readonly ConfigToken[];
  runTick: () => Promise<TickReport>;
  /** The published site; by default one in memory. */
  site?: StatusSite;
  /** The page's address when the config gives none (absolute links in feeds and the v2 API). */
  publicUrl?: string;
  /** Run first on every request (Workers: the context storage and this invocation's database client). */
  perRequest?: MiddlewareHandler[];
  /** Keeps work alive after the response (Workers: ctx.waitUntil); by default it just runs. */
  defer?: (work: Promise<unknown>) => void;
  /** Node: serves public/ (on Workers the [assets] binding does, before the app sees the request). */
  staticFiles?: MiddlewareHandler;
  /** With agent locations in the config: the agents' claim and result routes (/api/v1/agent). */
  agents?: Omit<AgentRoutesDeps, 'sql' | 'clock' | 'log'>;
  /** Visitor problem reports (POST /reports); absent when reports are off. */
  reports?: ReportIntake;
  /** The config's `reports` (the page's form and categories); reports are not shown without it. */
  reportsConfig?: ReportsConfig;
}

/** The published site for `page`, kept in `store` (memory by default), rendered with renderSite. */
export function createStatusSite(deps: Pick<AppDeps, 'page' | 'clock' | 'log' | 'publicUrl' | 'defer' | 'reportsConfig'> & { store?: SiteStore; refreshAfterMs?: number }): StatusSite {
  const publicUrl = deps.publicUrl ?? 'http://localhost:8787';
  return new StatusSite({
    store: deps.store ?? memorySiteStore(),
    refreshAfterMs: deps.refreshAfterMs,
    defer: deps.defer,
    render: (snapshot, stale) => renderSite(snapshot, { page: deps.page, publicUrl, now: deps.clock(), stale, reports: deps.reportsConfig }),
    clock: deps.clock,
    log: deps.log,
  });
}

function preflight(c: Context): Response {
  const headers: Record<string, string> = { ...PUBLIC_API_HEADERS, 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-max-age': '86400', vary: 'Access-Control-Request-Headers' };
  const asked = c.req.header('access-control-request-headers');
  if (asked) headers['access-control-allow-headers'] = asked;
  return new Response(null, { status: 204, headers });
}

export function createApp(deps: AppDeps) {
  const app = new Hono();
  const site = deps.site ?? createStatusSite(deps);
  const read = () => readStatusData(deps.sql(), deps.clock());
  const defer = deps.defer ?? ((work) => void work);
  const tokens = createTokenAuthority({ sql: deps.sql, clock: deps.clock, adminToken: deps.adminToken, configTokens: deps.configTokens ?? [], newId });

  app.onError((err, c) => {
    if (isDatabaseUnreachable(err)) deps.log('warn', 'request failed: database unavailable', { path: c.req.path, error: err.message });
    else if (!isExpectedError(err)) deps.log('error', 'request failed', { path: c.req.path, error: err.message });
    return toProblem(err, c);
  });
  app.notFound((c) => problemResponse(c, 404, 'Not Found', `no route for ${c.req.method} ${c.req.path}`));
  if (deps.perRequest) app.use(...deps.perRequest);
  // CORS preflight for the public reads (their answers carry Access-Control-Allow-Origin themselves; the admin API
  // is not opened to other origins).
  app.options('*', (c, next) => (c.req.path.startsWith('/api/v1/admin') ? next() : preflight(c)));

  // No answer is to be sniffed into something else (a JSON body rendered as HTML, say). Published answers, problems
  // and static files carry the header themselves (setting it afterwards would copy every published answer); these
  // routes are answered here.
  for (const path of ['/api/v1/admin/*', '/metrics', '/healthz']) {
    app.use(path, async (c, next) => {
      await next();
      c.res.headers.set('x-content-type-options', 'nosniff');
    });
  }
  // Routes that query the database per request answer within a bounded time, 503 when it is away. Only those: a
  // read served from the published site must keep answering while the database is down. The tick is not one
  // either: it probes for as long as its monitors take, and fails fast by itself when the database is away.
  const deadline = databaseDeadline(new DatabaseGate());
  for (const path of DATABASE_ROUTES) app.use(path, (c, next) => (c.req.path === '/api/v1/admin/tick' ? next() : deadline(c, next)));
  for (const path of RANGE_ROUTES) app.use(path, (c, next) => (c.req.query('from') !== undefined ? deadline(c, next) : next()));

  app.get('/healthz', (c) => c.json({ ok: true, time: deps.clock().toISOString() }, 200, { 'cache-control': 'no-store' }));

  const reads = { site, page: deps.page, publicUrl: deps.page.url ?? deps.publicUrl ?? 'http://localhost:8787', clock: deps.clock, read, reportsConfig: deps.reportsConfig };
  app.route('/api/v1/admin', createAdminApi({ ...deps, tokens, newId, onChange: () => defer(site.refresh(read)) }));
  app.post('/api/v1/admin/tick', requireToken({ ...deps, tokens }), async (c) => {
    const report = await deps.runTick();
    if (report.databaseUnavailable) throw new ProblemError(503, 'Service Unavailable', `the tick could not reach the database: ${report.error}`);
    return c.json(report);
  });
  if (deps.agents) app.route('/api/v1/agent', createAgentApi({ ...deps.agents, sql: deps.sql, clock: deps.clock, log: deps.log }));
  app.route('/api/v1', createApiV1({ ...deps, ...reads }));
  app.route('/admin', createConsole({ ...deps, incidentTemplates: deps.incidentTemplates ?? INCIDENT_TEMPLATES, tokens, newId, onChange: () => defer(site.refresh(read)) }));
  app.route('/metrics', createMetrics(deps));

  if (deps.staticFiles) {
    // The files in public/ (Workers' [assets] serves the same set before the app runs).
    app.use('/assets/*', deps.staticFiles);
    app.use('/robots.txt', deps.staticFiles);
  }
  if (deps.reports) app.route('/reports', createReportRoutes(deps.reports));
  app.route('/', createPublicRoutes({ ...reads, sql: deps.sql }));
  return app;
}
