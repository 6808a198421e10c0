import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { dailySeries } from '../../core/series.js';
import { lastDays } from '../../core/uptime-window.js';
import { listRecentChecks } from '../../db/check-queries.js';
import { monitorExists } from '../../db/status-queries.js';
import { listDailyRollups } from '../../db/uptime-queries.js';
import { jsonAnswer } from '../../site/render.js';
import { ProblemError } from '../problem.js';
import { serveMade, servePublished, serveRead } from '../public-reads.js';
import { readRangeStats } from '../status-reads.js';
import { cursorText, MAX_TIME_MS, MIN_TIME_MS } from '../validators.js';
import type { ApiV1Deps } from './deps.js';
import { Check, IdParam, json, Monitor, PageQuery, problem, SeriesPoint, SeriesQuery, UptimeReport, WindowQuery } from './schemas.js';
import { checkJson, decodeCursor, encodeCursor, monitorJson, seriesJson, uptimeJson } from './serialize.js';

const notFound = problem('No such monitor');
const invalid = problem('A query parameter is invalid; `errors` names it');
const noMonitor = (id: string): never => {
  throw new ProblemError(404, 'Not Found', `no monitor "${id}"`);
};
const unavailable = (): never => {
  throw new ProblemError(503, 'Service Unavailable', 'the status data cannot be read right now; try again in a minute');
};

/** Monitors: current status, uptime over any window, a daily series for charts, recent raw checks. */
export function registerMonitorRoutes(app: OpenAPIHono, deps: ApiV1Deps) {
  /** One monitor's row must exist before its history is read. */
  const requireMonitor = async (id: string) => {
    if (!(await monitorExists(deps.sql(), id))) noMonitor(id);
  };

  app.openapi(
    createRoute({ method: 'get', path: '/monitors', tags: ['Monitors'], summary: 'All monitors with current status and uptime', responses: { 200: json(z.object({ monitors: z.array(Monitor) }), 'Monitors in display order') } }),
    (c) => servePublished(c, deps, '/api/v1/monitors', false) as never,
  );

  app.openapi(
    createRoute({ method: 'get', path: '/monitors/{id}', tags: ['Monitors'], summary: 'One monitor', request: { params: IdParam }, responses: { 200: json(Monitor, 'The monitor'), 404: notFound } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const made = await serveMade(c, deps, false, async ({ snapshot }, ctx) => {
        const m = snapshot.monitors.find((x) => x.id === id) ?? noMonitor(id);
        return jsonAnswer(monitorJson(m, snapshot.components.find((c) => c.id === m.componentId)), snapshot, ctx);
      });
      return (made ?? unavailable()) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/monitors/{id}/uptime', tags: ['Monitors'], summary: 'Uptime and average response time over a window',
      description: 'From rollups: whole days from daily rollups, the hours at either end from hourly ones. Maintenance is excluded; no checks = null.',
      request: { params: IdParam, query: WindowQuery }, responses: { 200: json(UptimeReport, 'Uptime over the window'), 400: invalid, 404: notFound },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      if (q.from) {
        await requireMonitor(id);
        return serveRead(c, uptimeJson(id, null, await readRangeStats(deps.sql(), [id], { from: new Date(q.from), to: q.to ? new Date(q.to) : undefined }, deps.clock()))) as never;
      }
      const window = q.window ?? '24h';
      const made = await serveMade(c, deps, false, async ({ snapshot }, ctx) => {
        const m = snapshot.monitors.find((x) => x.id === id) ?? noMonitor(id);
        return jsonAnswer(uptimeJson(id, window, m.windows[window]), snapshot, ctx);
      });
      return (made ?? unavailable()) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/monitors/{id}/daily', tags: ['Monitors'], summary: 'Daily uptime and p50/p95 response time, oldest first',
      request: { params: IdParam, query: SeriesQuery }, responses: { 200: json(z.object({ id: z.string(), days: z.array(SeriesPoint) }), 'One point per UTC day'), 400: invalid, 404: notFound },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireMonitor(id);
      const { days, from, to } = lastDays(c.req.valid('query').days, deps.clock());
      const rows = await listDailyRollups(deps.sql(), [id], from, to);
      return serveRead(c, { id, days: seriesJson(dailySeries(days, rows)) }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/monitors/{id}/checks', tags: ['Monitors'], summary: 'Recent raw checks, newest first, with phase timings and error class',
      request: { params: IdParam, query: PageQuery },
      responses: { 200: json(z.object({ checks: z.array(Check), next: z.string().nullable().openapi({ description: 'Cursor of the next page; null at the end' }) }), 'A page of checks'), 400: invalid, 404: notFound },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { limit, cursor } = c.req.valid('query');
      const after = cursor === undefined ? undefined : checkCursor(cursor);
      await requireMonitor(id);
      const page = await listRecentChecks(deps.sql(), id, { limit, after });
      return serveRead(c, { checks: page.checks.map(checkJson), next: page.next ? encodeCursor([page.next.slotMicros, page.next.location]) : null }) as never;
    },
  );
}


/** A checks cursor, checked after decoding: a slot between 1970 and 9999 in microseconds and a location id. */
function checkCursor(cursor: string) {
  const decoded = decodeCursor(cursor);
  const v: unknown[] = Array.isArray(decoded) ? decoded : [];
  const micros = typeof v[0] === 'string' && /^\d{1,18}$/.test(v[0]) ? BigInt(v[0]) : null;
  const inRange = micros !== null && micros >= BigInt(MIN_TIME_MS) * 1000n && micros <= BigInt(MAX_TIME_MS) * 1000n;
  const location = cursorText(v[1]);
  if (inRange && location !== null) return { slotMicros: v[0] as string, location };
  throw new ProblemError(400, 'Invalid request', 'cursor is not one this API returned', [{ field: 'cursor', message: 'must be a cursor returned by a previous page' }]);
}
