import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { jsonAnswer } from '../../site/render.js';
import { ProblemError } from '../problem.js';
import { serveMade } from '../public-reads.js';
import type { ApiV1Deps } from './deps.js';
import { IdParam, json, Location, MonitorLocation, problem, Signature } from './schemas.js';
import { locationsJson, monitorJson } from './serialize.js';

const unavailable = (): never => {
  throw new ProblemError(503, 'Service Unavailable', 'the status data cannot be read right now; try again in a minute');
};

/** The probing locations (config `locations`) and a monitor's view from each, from the published snapshot. */
export function registerLocationRoutes(app: OpenAPIHono, deps: ApiV1Deps) {
  app.openapi(
    createRoute({ method: 'get', path: '/locations', tags: ['Locations'], summary: 'The probing locations and their health (online, offline, impaired)', responses: { 200: json(z.object({ locations: z.array(Location) }), 'In config order; empty without locations') } }),
    async (c) => (await serveMade(c, deps, false, async ({ snapshot }, ctx) => jsonAnswer({ locations: locationsJson(snapshot) }, snapshot, ctx)) ?? unavailable()) as never,
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/monitors/{id}/locations', tags: ['Monitors', 'Locations'], summary: 'One monitor from each location: status, last check, errors, and the failure signature',
      request: { params: IdParam },
      responses: { 200: json(z.object({ id: z.string(), status: z.string(), locations: z.array(MonitorLocation), signature: Signature.nullable() }), 'Per location, in config order'), 404: problem('No such monitor') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const made = await serveMade(c, deps, false, async ({ snapshot }, ctx) => {
        const m = snapshot.monitors.find((x) => x.id === id);
        if (!m) throw new ProblemError(404, 'Not Found', `no monitor "${id}"`);
        const j = monitorJson(m, undefined);
        return jsonAnswer({ id: j.id, status: j.status, locations: j.locations, signature: j.signature }, snapshot, ctx);
      });
      return (made ?? unavailable()) as never;
    },
  );
}
