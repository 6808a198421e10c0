import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { dailySeries } from '../../core/series.js';
import { listDailyRollups } from '../../db/uptime-queries.js';
import { ProblemError } from '../problem.js';
import { readComponents, readWindowStats, windowOf } from '../status-reads.js';
import type { ApiV1Deps } from './index.js';
import { dayRange } from './monitor-routes.js';
import { Component, IdParam, json, problem, SeriesPoint, SeriesQuery, UptimeReport, WindowQuery } from './schemas.js';
import { componentJson, seriesJson, uptimeJson } from './serialize.js';

const notFound = problem('No such component');
const invalid = problem('A query parameter is invalid; `errors` names it');

/** Components (and groups): status by the service-status rule, uptime counted over all their monitors' checks. */
export function registerComponentRoutes(app: OpenAPIHono, deps: ApiV1Deps) {
  const findComponent = async (id: string) => {
    const c = (await readComponents(deps.sql(), deps.clock())).components.find((x) => x.id === id);
    if (!c) throw new ProblemError(404, 'Not Found', `no component "${id}"`);
    return c;
  };

  app.openapi(
    createRoute({ method: 'get', path: '/components', tags: ['Components'], summary: 'All components and groups with current status and uptime', responses: { 200: json(z.object({ components: z.array(Component) }), 'Groups first, each followed by its children') } }),
    async (c) => c.json({ components: (await readComponents(deps.sql(), deps.clock())).components.map(componentJson) }, 200),
  );

  app.openapi(
    createRoute({ method: 'get', path: '/components/{id}', tags: ['Components'], summary: 'One component', request: { params: IdParam }, responses: { 200: json(Component, 'The component'), 404: notFound } }),
    async (c) => c.json(componentJson(await findComponent(c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/components/{id}/uptime', tags: ['Components'], summary: 'Uptime of a component over a window (all its monitors’ checks)',
      request: { params: IdParam, query: WindowQuery }, responses: { 200: json(UptimeReport, 'Uptime over the window'), 400: invalid, 404: notFound },
    }),
    async (c) => {
      const comp = await findComponent(c.req.valid('param').id);
      return c.json(uptimeJson(comp.id, await readWindowStats(deps.sql(), comp.monitorIds, windowOf(c.req.valid('query'), deps.clock()))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/components/{id}/daily', tags: ['Components'], summary: 'Daily uptime and p50/p95 of a component, oldest first',
      request: { params: IdParam, query: SeriesQuery }, responses: { 200: json(z.object({ id: z.string(), days: z.array(SeriesPoint) }), 'One point per UTC day'), 400: invalid, 404: notFound },
    }),
    async (c) => {
      const comp = await findComponent(c.req.valid('param').id);
      const { days, from, to } = dayRange(c.req.valid('query').days, deps.clock());
      const rows = await listDailyRollups(deps.sql(), comp.monitorIds, from, to);
      return c.json({ id: comp.id, days: seriesJson(dailySeries(days, rows)) }, 200);
    },
  );
}
