import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { dailySeries } from '../../core/series.js';
import { dayStart } from '../../core/time.js';
import { daysBetween } from '../../core/uptime-window.js';
import { listRecentChecks } from '../../db/check-queries.js';
import { listMonitorStatus } from '../../db/status-queries.js';
import { listDailyRollups } from '../../db/uptime-queries.js';
import { ProblemError } from '../problem.js';
import { readWindowStats, windowOf } from '../status-reads.js';
import { MAX_TIME_MS, MIN_TIME_MS } from '../validators.js';
import type { ApiV1Deps } from './index.js';
import { Check, IdParam, json, Monitor, PageQuery, problem, SeriesPoint, SeriesQuery, UptimeReport, WindowQuery } from './schemas.js';
import { checkJson, decodeCursor, encodeCursor, monitorJson, seriesJson, uptimeJson } from './serialize.js';

const DAY = 86400_000;
const notFound = problem('No such monitor');
const invalid = problem('A query parameter is invalid; `errors` names it');

/** Monitors: current status, uptime over any window, a daily series for charts, recent raw checks. */
export function registerMonitorRoutes(app: OpenAPIHono, deps: ApiV1Deps) {
  const findMonitor = async (id: string) => {
    const m = (await listMonitorStatus(deps.sql(), deps.clock())).find((x) => x.id === id);
    if (!m) throw new ProblemError(404, 'Not Found', `no monitor "${id}"`);
    return m;
  };

  app.openapi(
    createRoute({ method: 'get', path: '/monitors', tags: ['Monitors'], summary: 'All monitors with current status and uptime', responses: { 200: json(z.object({ monitors: z.array(Monitor) }), 'Monitors in display order') } }),
    async (c) => c.json({ monitors: (await listMonitorStatus(deps.sql(), deps.clock())).map(monitorJson) }, 200),
  );

  app.openapi(
    createRoute({ method: 'get', path: '/monitors/{id}', tags: ['Monitors'], summary: 'One monitor', request: { params: IdParam }, responses: { 200: json(Monitor, 'The monitor'), 404: notFound } }),
    async (c) => c.json(monitorJson(await findMonitor(c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/monitors/{id}/uptime', tags: ['Monitors'], summary: 'Uptime and average response time over a window',
      description: 'From rollups: whole days from daily rollups, the hours at either end from hourly ones. Maintenance is excluded; no checks = null.',
      request: { params: IdParam, query: WindowQuery }, responses: { 200: json(UptimeReport, 'Uptime over the window'), 400: invalid, 404: notFound },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await findMonitor(id);
      return c.json(uptimeJson(id, await readWindowStats(deps.sql(), [id], windowOf(c.req.valid('query'), deps.clock()))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/monitors/{id}/daily', tags: ['Monitors'], summary: 'Daily uptime and p50/p95 response time, oldest first',
      request: { params: IdParam, query: SeriesQuery }, responses: { 200: json(z.object({ id: z.string(), days: z.array(SeriesPoint) }), 'One point per UTC day'), 400: invalid, 404: notFound },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await findMonitor(id);
      const { days, from, to } = dayRange(c.req.valid('query').days, deps.clock());
      const rows = await listDailyRollups(deps.sql(), [id], from, to);
      return c.json({ id, days: seriesJson(dailySeries(days, rows)) }, 200);
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
      await findMonitor(id);
      const after = cursor === undefined ? undefined : checkCursor(cursor);
      const page = await listRecentChecks(deps.sql(), id, { limit, after });
      return c.json({ checks: page.checks.map(checkJson), next: page.next ? encodeCursor([page.next.atMicros, page.next.id]) : null }, 200);
    },
  );
}

/** The last `n` UTC days, today included (today's rollup holds the day so far). */
export function dayRange(n: number, now: Date) {
  const to = new Date(dayStart(now).getTime() + DAY);
  const from = new Date(to.getTime() - n * DAY);
  return { days: daysBetween(from, to), from, to };
}

/** A checks cursor, checked after decoding: a time between 1970 and 9999 in microseconds and a row id. */
function checkCursor(cursor: string) {
  const decoded = decodeCursor(cursor);
  const v: unknown[] = Array.isArray(decoded) ? decoded : [];
  const micros = typeof v[0] === 'string' && /^\d{1,18}$/.test(v[0]) ? BigInt(v[0]) : null;
  const inRange = micros !== null && micros >= BigInt(MIN_TIME_MS) * 1000n && micros <= BigInt(MAX_TIME_MS) * 1000n;
  if (inRange && Number.isSafeInteger(v[1]) && (v[1] as number) >= 0) return { atMicros: v[0] as string, id: v[1] as number };
  throw new ProblemError(400, 'Invalid request', 'cursor is not one this API returned', [{ field: 'cursor', message: 'must be a cursor returned by a previous page' }]);
}
