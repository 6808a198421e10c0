import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type postgres from 'postgres';
import type { PageConfig } from '../config/schema.js';
import { pageIdOf, resolveComponents, toV2Component, toV2Page, toV2Status } from '../core/statuspage.js';
import { newestFirst, toV2Incident, toV2Maintenance, type V2Context } from '../core/statuspage-incidents.js';
import { loadComponentFacts } from '../db/component-facts.js';
import { listIncidents, listMaintenances, type IncidentRow, type MaintenanceRow } from '../db/incident-queries.js';
import { cacheable, STATUS_CACHE } from './http-cache.js';
import { sharedAnswers } from './last-good.js';

export interface ApiV2Deps {
  sql: () => postgres.Sql;
  page: PageConfig;
  clock: () => Date;
}

/** The Statuspage endpoint list and its limit: "the 50 most recent". */
const RECENT = 50;

/**
 * Statuspage-compatible public API v2 under /api/v2: no auth, CORS open, cacheable. Field names and enums
 * follow Statuspage exactly, because existing consumers (client libraries, embed widget, Grafana) read them.
 */
export function createApiV2(deps: ApiV2Deps) {
  const app = new Hono();
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['x-lookout-stale'] }), ...cacheable(STATUS_CACHE), sharedAnswers({ clock: deps.clock }));

  /** Components and status always; incidents and maintenances only for the endpoints that list them. */
  const load = async (c: Context, extra: { incidents?: boolean; maintenances?: Array<'upcoming' | 'active' | 'recent'> } = {}) => {
    const now = deps.clock();
    const sql = deps.sql();
    const [facts, recent, ...windows] = await Promise.all([
      loadComponentFacts(sql, now),
      listIncidents(sql, { limit: extra.incidents ? RECENT : 1 }),
      ...(extra.maintenances ?? []).map((w) => listMaintenances(sql, now, w, { limit: RECENT })),
    ]);
    const maintenances: MaintenanceRow[] = windows.flat();
    const resolved = resolveComponents(facts.components);
    const pageUrl = deps.page.url ?? new URL(c.req.url).origin;
    const page = toV2Page({ id: pageIdOf(deps.page.title), name: deps.page.title, url: pageUrl, timeZone: deps.page.timeZone }, [
      ...resolved.flatMap((r) => [r.updatedAt, r.monitorsChangedAt]),
      ...[...facts.unresolved, ...recent, ...maintenances].map((i) => i.updatedAt),
    ]);
    const components = resolved.map((r) => toV2Component(r, page.id));
    const ctx: V2Context = { pageId: page.id, pageUrl, components };
    return {
      page,
      components,
      status: toV2Status(resolved, facts.unresolved.map((i) => i.impact)),
      incidents: (rows: IncidentRow[]) => newestFirst(rows.map((i) => toV2Incident(i, ctx))),
      unresolved: facts.unresolved,
      recent,
      maintenances: newestFirst(maintenances.map((m) => toV2Maintenance(m, ctx))),
    };
  };

  app.get('/summary.json', async (c) => {
    const v = await load(c, { maintenances: ['upcoming', 'active'] });
    return c.json({ page: v.page, components: v.components, incidents: v.incidents(v.unresolved), scheduled_maintenances: v.maintenances, status: v.status });
  });

  app.get('/status.json', async (c) => {
    const { page, status } = await load(c);
    return c.json({ page, status });
  });

  app.get('/components.json', async (c) => {
    const { page, components } = await load(c);
    return c.json({ page, components });
  });

  app.get('/incidents.json', async (c) => {
    const v = await load(c, { incidents: true });
    return c.json({ page: v.page, incidents: v.incidents(v.recent) });
  });

  app.get('/incidents/unresolved.json', async (c) => {
    const v = await load(c);
    return c.json({ page: v.page, incidents: v.incidents(v.unresolved) });
  });

  for (const [path, which] of [['/scheduled-maintenances.json', 'recent'], ['/scheduled-maintenances/upcoming.json', 'upcoming'], ['/scheduled-maintenances/active.json', 'active']] as const) {
    app.get(path, async (c) => {
      const v = await load(c, { maintenances: [which] });
      return c.json({ page: v.page, scheduled_maintenances: v.maintenances });
    });
  }

  return app;
}
