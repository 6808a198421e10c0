import { makeBadge } from 'badge-maker';
import { Hono } from 'hono';
import type postgres from 'postgres';
import { z } from 'zod';
import { componentStatusBadge, monitorStatusBadge, responseTimeBadge, shieldsEndpoint, uptimeBadge, type BadgeContent } from '../core/badges.js';
import { WINDOW_NAMES, type WindowName } from '../core/time.js';
import type { Status } from '../core/types.js';
import { listMonitorStatus } from '../db/status-queries.js';
import { cacheable } from './http-cache.js';
import { sharedAnswers } from './last-good.js';
import { ProblemError } from './problem.js';
import { readComponents, readWindowStats, windowOf } from './status-reads.js';

const CACHE_SECONDS = 60;
const Query = z.object({
  window: z.enum(WINDOW_NAMES as [WindowName, ...WindowName[]]).optional(),
  style: z.enum(['flat', 'flat-square', 'plastic', 'for-the-badge', 'social']).default('flat'),
  label: z.string().min(1).max(60).optional(),
});
const FILE = /^(status|uptime|response-time)\.(svg|json)$/;

/**
 * Badges for READMEs and dashboards, per monitor and per component: status, uptime over a window (default 30d)
 * and average response time (default 24h). `.svg` is drawn with badge-maker; `.json` is a shields.io endpoint
 * (https://img.shields.io/endpoint?url=…). Same numbers as the API: both go through status-reads.
 */
export function createBadges(deps: { sql: () => postgres.Sql; clock: () => Date }) {
  const app = new Hono();
  app.use('*', ...cacheable(`public, max-age=${CACHE_SECONDS}`), sharedAnswers({ clock: deps.clock, maxEntries: 500 }));

  app.get('/:kind{monitors|components}/:id/:file', async (c) => {
    const { kind, id, file } = c.req.param();
    const match = FILE.exec(file);
    if (!match) throw new ProblemError(404, 'Not Found', 'badges are status, uptime or response-time, as .svg or .json');
    const [, metric, format] = match as unknown as [string, 'status' | 'uptime' | 'response-time', 'svg' | 'json'];
    const parsed = Query.safeParse(c.req.query());
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      throw new ProblemError(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    }
    const q = parsed.data;
    const now = deps.clock();
    const sql = deps.sql();
    let monitorIds: string[];
    let status: () => BadgeContent;
    if (kind === 'monitors') {
      const m = (await listMonitorStatus(sql, now)).find((x) => x.id === id);
      if (!m) throw new ProblemError(404, 'Not Found', `no monitor "${id}"`);
      monitorIds = [m.id];
      status = () => monitorStatusBadge(q.label ?? m.name, m.status as Status);
    } else {
      const comp = (await readComponents(sql, now)).components.find((x) => x.id === id);
      if (!comp) throw new ProblemError(404, 'Not Found', `no component "${id}"`);
      monitorIds = comp.monitorIds;
      status = () => componentStatusBadge(q.label ?? comp.name, comp.status, comp.hasData);
    }
    let badge: BadgeContent;
    if (metric === 'status') badge = status();
    else {
      const window = q.window ?? (metric === 'uptime' ? '30d' : '24h');
      const stats = await readWindowStats(sql, monitorIds, windowOf({ window }, now));
      badge = metric === 'uptime' ? uptimeBadge(window, stats.uptime) : responseTimeBadge(window, stats.avgResponseMs);
      if (q.label) badge = { ...badge, label: q.label };
    }
    if (format === 'json') return c.json(shieldsEndpoint(badge, CACHE_SECONDS));
    const svg = makeBadge({ label: badge.label, message: badge.message, color: badge.color, style: q.style });
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
  });
  return app;
}
