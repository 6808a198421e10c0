import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { averageMs } from '../../core/series.js';
import { uptimeOf } from '../../core/uptime.js';
import { getIncident, listIncidents } from '../../db/incident-queries.js';
import { countWindows, EMPTY_WINDOW, listActiveMonitorIds } from '../../db/uptime-queries.js';
import { ProblemError } from '../problem.js';
import { OPEN_END, resolveWindow } from '../../core/uptime-window.js';
import { jsonAnswer } from '../../site/render.js';
import { serveMade, servePublished, serveRead } from '../public-reads.js';
import { cursorText, cursorTime } from '../validators.js';
import type { ApiV1Deps } from './deps.js';
import { Counts, IdParam, Incident, json, PageQuery, problem, WindowQuery } from './schemas.js';
import { decodeCursor, encodeCursor, incidentJson, uptimeListJson } from './serialize.js';

const invalid = problem('A query parameter is invalid; `errors` names it');

/** Uptime of every monitor at once (what dashboards poll), and incidents with their updates. */
export function registerUptimeAndIncidentRoutes(app: OpenAPIHono, deps: ApiV1Deps) {
  app.openapi(
    createRoute({
      method: 'get', path: '/uptime', tags: ['Uptime'], summary: 'Uptime of every monitor over one window',
      description: 'Two indexed range reads of the rollups whatever the window: 90 days for 100 monitors is served in milliseconds.',
      request: { query: WindowQuery },
      responses: {
        200: json(z.object({
          window: z.string().nullable(), from: z.iso.datetime(), to: z.iso.datetime(),
          monitors: z.array(z.object({ id: z.string(), uptime: z.number().nullable(), counts: Counts, avgResponseMs: z.number().nullable() })),
        }), 'Per monitor, in display order'),
        400: invalid,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      if (q.from) {
        const sql = deps.sql();
        const ids = await listActiveMonitorIds(sql);
        const range = { from: new Date(q.from), to: q.to ? new Date(q.to) : undefined };
        const counts = await countWindows(sql, ids, [{ key: 'w', from: range.from, to: range.to ?? OPEN_END }]);
        const bounds = resolveWindow(range.from, range.to ?? deps.clock());
        return serveRead(c, {
          window: null, from: bounds.from.toISOString(), to: bounds.to.toISOString(),
          monitors: ids.map((id) => {
            const n = counts.get(id)?.get('w') ?? EMPTY_WINDOW;
            return { id, uptime: uptimeOf(n), counts: { up: n.up, degraded: n.degraded, down: n.down, maintenance: n.maintenance }, avgResponseMs: averageMs(n) };
          }),
        }) as never;
      }
      const window = q.window ?? '24h';
      if (window === '24h') return servePublished(c, deps, '/api/v1/uptime', false) as never;
      const made = await serveMade(c, deps, false, async ({ snapshot }, ctx) => jsonAnswer(uptimeListJson(snapshot, window), snapshot, ctx));
      if (!made) throw new ProblemError(503, 'Service Unavailable', 'the status data cannot be read right now; try again in a minute');
      return made as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/incidents', tags: ['Incidents'], summary: 'Incidents newest first (by start), with updates and affected components',
      request: { query: PageQuery },
      responses: { 200: json(z.object({ incidents: z.array(Incident), next: z.string().nullable() }), 'A page of incidents'), 400: invalid },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const after = cursor === undefined ? undefined : incidentCursor(cursor);
      const rows = await listIncidents(deps.sql(), { limit: limit + 1, before: after?.startedAt, beforeId: after?.id });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return serveRead(c, { incidents: page.map(incidentJson), next: rows.length > limit && last ? encodeCursor([last.startedAt.toISOString(), last.id]) : null }) as never;
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/incidents/{id}', tags: ['Incidents'], summary: 'One incident', request: { params: IdParam }, responses: { 200: json(Incident, 'The incident'), 404: problem('No such incident') } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await getIncident(deps.sql(), id);
      if (!row) throw new ProblemError(404, 'Not Found', `no incident "${id}"`);
      return serveRead(c, incidentJson(row)) as never;
    },
  );
}

/** An incidents cursor, checked after decoding: a start between 1970 and 9999 and an id Postgres can compare. */
function incidentCursor(cursor: string): { startedAt: Date; id: string } {
  const v = decodeCursor(cursor);
  const startedAt = Array.isArray(v) ? cursorTime(v[0]) : null;
  const id = Array.isArray(v) ? cursorText(v[1]) : null;
  if (startedAt && id !== null) return { startedAt, id };
  throw new ProblemError(400, 'Invalid request', 'cursor is not one this API returned', [{ field: 'cursor', message: 'must be a cursor returned by a previous page' }]);
}
