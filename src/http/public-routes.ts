// The public pages, the Statuspage v2 API, the feeds and the badges: every answer from the published site.
import { Hono } from 'hono';
import type postgres from 'postgres';
import { z } from 'zod';
import { WINDOW_NAMES, type WindowName } from '../core/time.js';
import { getIncident, listIncidents } from '../db/incident-queries.js';
import { badgeAnswer, groupAnswer, historyAnswer, incidentAnswer, type BadgeRequest } from '../site/render.js';
import { incidentData, RECENT_INCIDENTS } from '../snapshot/read.js';
import { ProblemError } from './problem.js';
import { serveMade, servePublished, serveUnavailable, type PublicReadDeps } from './public-reads.js';
import { hasNoNul, MAX_TIME_MS, MIN_TIME_MS } from './validators.js';

/** The Statuspage v2 endpoints (all made at publication). */
const V2_PATHS = [
  'summary.json', 'status.json', 'components.json', 'incidents.json', 'incidents/unresolved.json',
  'scheduled-maintenances.json', 'scheduled-maintenances/upcoming.json', 'scheduled-maintenances/active.json',
];

const BadgeQuery = z.object({
  window: z.enum(WINDOW_NAMES as [WindowName, ...WindowName[]]).optional(),
  style: z.enum(['flat', 'flat-square', 'plastic', 'for-the-badge', 'social']).default('flat'),
  label: z.string().min(1).max(60).optional(),
});
const BADGE_FILE = /^(status|uptime|response-time)\.(svg|json)$/;

export function createPublicRoutes(deps: PublicReadDeps & { sql: () => postgres.Sql }) {
  const app = new Hono();

  app.get('/', (c) => servePublished(c, deps, '/', true));
  app.get('/history', async (c) => {
    const raw = c.req.query('before');
    if (raw === undefined) return servePublished(c, deps, '/history', true);
    const before = new Date(raw);
    if (!(before.getTime() >= MIN_TIME_MS && before.getTime() <= MAX_TIME_MS)) {
      throw new ProblemError(400, 'Invalid request', 'before: must be an ISO 8601 time between 1970 and 9999', [{ field: 'before', message: 'must be an ISO 8601 time between 1970 and 9999' }]);
    }
    // Older than the snapshot holds: read from the database, once per publication and date.
    const made = await serveMade(c, deps, true, async (p, ctx) => {
      const rows = await listIncidents(deps.sql(), { limit: RECENT_INCIDENTS, before }).catch(() => null);
      return rows && historyAnswer(p.snapshot, ctx, rows.map((r) => incidentData(r)));
    });
    return made ?? serveUnavailable(c, deps, true);
  });
  app.get('/incidents/:id', async (c) => {
    const id = c.req.param('id');
    const made = await serveMade(c, deps, true, async (p, ctx) => {
      const known = p.snapshot.incidents.find((i) => i.id === id);
      if (known) return incidentAnswer(p.snapshot, ctx, known);
      // An id no incident can have is not looked up; an older incident is read (null when the database fails).
      if (!hasNoNul(id) || id.length > 200) return incidentAnswer(p.snapshot, ctx, null);
      const row = await getIncident(deps.sql(), id).catch(() => undefined);
      return row === undefined ? null : incidentAnswer(p.snapshot, ctx, row && incidentData(row));
    });
    return made ?? serveUnavailable(c, deps, true);
  });
  app.get('/groups/:id', async (c) => {
    const id = c.req.param('id');
    const made = await serveMade(c, deps, true, async (p, ctx) => groupAnswer(p.snapshot, ctx, p.snapshot.components.find((x) => x.id === id)));
    return made ?? serveUnavailable(c, deps, true);
  });

  for (const path of V2_PATHS) app.get(`/api/v2/${path}`, (c) => servePublished(c, deps, `/api/v2/${path}`, false));
  if (deps.reportsConfig?.enabled) app.get('/api/v1/reports', (c) => servePublished(c, deps, '/api/v1/reports', false));
  app.get('/history.atom', (c) => servePublished(c, deps, '/history.atom', false));
  app.get('/history.rss', (c) => servePublished(c, deps, '/history.rss', false));

  app.get('/badges/:kind{monitors|components}/:id/:file', async (c) => {
    // A repeated badge URL is a lookup: parsing happens once per publication.
    const made = await serveMade(c, deps, false, async (p, ctx) => {
      const q = badgeRequest(c.req.param(), c.req.query());
      return badgeAnswer(p.snapshot, ctx, q) ?? notFound(q.kind, q.id);
    });
    if (!made) throw new ProblemError(503, 'Service Unavailable', 'the status data cannot be read right now');
    return made;
  });

  return app;
}

/** A badge's path and query, validated: 404 for an unknown file, 400 naming the field for a bad query. */
function badgeRequest(param: { kind: string; id: string; file: string }, query: Record<string, string>): BadgeRequest {
  const match = BADGE_FILE.exec(param.file);
  if (!match) throw new ProblemError(404, 'Not Found', 'badges are status, uptime or response-time, as .svg or .json');
  const parsed = BadgeQuery.safeParse(query);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw new ProblemError(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  return { kind: param.kind as BadgeRequest['kind'], id: param.id, metric: match[1] as BadgeRequest['metric'], format: match[2] as BadgeRequest['format'], ...parsed.data };
}

const notFound = (kind: string, id: string): never => {
  throw new ProblemError(404, 'Not Found', `no ${kind === 'monitors' ? 'monitor' : 'component'} "${id}"`);
};

