import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type postgres from 'postgres';
import type { PageConfig } from '../config/schema.js';
import { pageIdOf, resolveComponents, toV2Component, toV2Page, toV2Status } from '../core/statuspage.js';
import { loadComponentFacts } from '../db/component-facts.js';
import { cacheable, STATUS_CACHE } from './http-cache.js';

export interface ApiV2Deps {
  sql: () => postgres.Sql;
  page: PageConfig;
  clock: () => Date;
}

/**
 * Statuspage-compatible public API v2 under /api/v2: no auth, CORS open, cacheable. Field names and enums
 * follow Statuspage exactly, because existing consumers (client libraries, embed widget, Grafana) read them.
 */
export function createApiV2(deps: ApiV2Deps) {
  const app = new Hono();
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }), ...cacheable(STATUS_CACHE));

  const load = async (c: Context) => {
    const now = deps.clock();
    const facts = await loadComponentFacts(deps.sql(), now);
    const resolved = resolveComponents(facts.components);
    const page = toV2Page(
      { id: pageIdOf(deps.page.title), name: deps.page.title, url: deps.page.url ?? new URL(c.req.url).origin, timeZone: deps.page.timeZone },
      [...resolved.map((r) => r.updatedAt), ...resolved.map((r) => r.monitorsChangedAt), facts.incidentsChangedAt],
    );
    return {
      page,
      components: resolved.map((r) => toV2Component(r, page.id)),
      status: toV2Status(resolved, facts.openIncidentImpacts),
    };
  };

  app.get('/components.json', async (c) => {
    const { page, components } = await load(c);
    return c.json({ page, components });
  });

  app.get('/status.json', async (c) => {
    const { page, status } = await load(c);
    return c.json({ page, status });
  });

  return app;
}
