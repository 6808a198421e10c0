import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { dailySeries } from '../../core/series.js';
import { lastDays } from '../../core/uptime-window.js';
import { listDailyRollups } from '../../db/uptime-queries.js';
import { jsonAnswer } from '../../site/render.js';
import type { SnapshotComponent, StatusSnapshot } from '../../snapshot/types.js';
import { ProblemError } from '../problem.js';
import { serveMade, servePublished, serveRead } from '../public-reads.js';
import { readRangeStats } from '../status-reads.js';
import type { ApiV1Deps } from './deps.js';
import { Component, IdParam, json, problem, SeriesPoint, SeriesQuery, UptimeReport, WindowQuery } from './schemas.js';
import { componentJson, seriesJson, uptimeJson } from './serialize.js';

const notFound = problem('No such component');
const invalid = problem('A query parameter is invalid; `errors` names it');
const unavailable = (): never => {
  throw new ProblemError(503, 'Service Unavailable', 'the status data cannot be read right now; try again in a minute');
};
const find = (s: StatusSnapshot, id: string): SnapshotComponent => {
  const c = s.components.find((x) => x.id === id);
  if (!c) throw new ProblemError(404, 'Not Found', `no component "${id}"`);
  return c;
};

/** Components (and groups): status by the service-status rule, uptime counted over all their monitors' checks. */
export function registerComponentRoutes(app: OpenAPIHono, deps: ApiV1Deps) {
  /** A component of the current publication (its monitors, for reads of their history). */
  const current = async (id: string) => find((await deps.site.snapshot(deps.read))?.snapshot ?? unavailable(), id);

  app.openapi(
    createRoute({ method: 'get', path: '/components', tags: ['Components'], summary: 'All components and groups with current status and uptime', responses: { 200: json(z.object({ components: z.array(Component) }), 'Groups first, each followed by its children') } }),
    (c) => servePublished(c, deps, '/api/v1/components', false) as never,
  );

  app.openapi(
    createRoute({ method: 'get', path: '/components/{id}', tags: ['Components'], summary: 'One component', request: { params: IdParam }, responses: { 200: json(Component, 'The component'), 404: notFound } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const made = await serveMade(c, deps, false, async ({ snapshot }, ctx) => jsonAnswer(componentJson(find(snapshot, id)), snapshot, ctx));
      return (made ?? unavailable()) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/components/{id}/uptime', tags: ['Components'], summary: 'Uptime of a component over a window (all its monitors’ checks)',
      request: { params: IdParam, query: WindowQuery }, responses: { 200: json(UptimeReport, 'Uptime over the window'), 400: invalid, 404: notFound },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      if (q.from) {
        const comp = await current(id);
        return serveRead(c, uptimeJson(comp.id, null, await readRangeStats(deps.sql(), comp.monitorIds, { from: new Date(q.from), to: q.to ? new Date(q.to) : undefined }, deps.clock()))) as never;
      }
      const window = q.window ?? '24h';
      const made = await serveMade(c, deps, false, async ({ snapshot }, ctx) =>
        jsonAnswer(uptimeJson(id, window, find(snapshot, id).windows[window]), snapshot, ctx),
      );
      return (made ?? unavailable()) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/components/{id}/daily', tags: ['Components'], summary: 'Daily uptime and p50/p95 of a component, oldest first',
      request: { params: IdParam, query: SeriesQuery }, responses: { 200: json(z.object({ id: z.string(), days: z.array(SeriesPoint) }), 'One point per UTC day'), 400: invalid, 404: notFound },
    }),
    async (c) => {
      const comp = await current(c.req.valid('param').id);
      const { days, from, to } = lastDays(c.req.valid('query').days, deps.clock());
      const rows = await listDailyRollups(deps.sql(), comp.monitorIds, from, to);
      return serveRead(c, { id: comp.id, days: seriesJson(dailySeries(days, rows)) }) as never;
    },
  );
}
