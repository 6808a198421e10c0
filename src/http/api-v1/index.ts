import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type postgres from 'postgres';
import { cacheable, DOC_CACHE, STATUS_CACHE } from '../http-cache.js';
import { ProblemError } from '../problem.js';
import { registerComponentRoutes } from './component-routes.js';
import { registerMonitorRoutes } from './monitor-routes.js';
import { renderReferencePage, type OpenApiDoc } from './reference-page.js';
import { registerUptimeAndIncidentRoutes } from './uptime-incident-routes.js';

export interface ApiV1Deps {
  sql: () => postgres.Sql;
  clock: () => Date;
}

const DOC_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Lookout API',
    version: '1',
    description: 'Monitors, components, uptime from rollups, daily series, recent checks and incidents. Errors are application/problem+json.',
  },
  servers: [{ url: '/api/v1' }],
};

/**
 * The native API under /api/v1, described by its own route schemas: the OpenAPI 3.1 document at
 * /api/v1/openapi.json and a server-rendered reference at /api/v1/docs are generated from the same zod schemas
 * that validate requests. Invalid input answers 400 problem+json naming each failing field.
 */
export function createApiV1(deps: ApiV1Deps) {
  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = result.error.issues.map((i) => ({ field: i.path.join('.') || result.target, message: i.message }));
        throw new ProblemError(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      }
    },
  });
  // Public reads only: the admin routes beside us are neither cached nor opened to other origins.
  const publicOnly = (...mws: ReturnType<typeof createMiddleware>[]) =>
    createMiddleware(async (c, next) => {
      if (c.req.path.startsWith('/api/v1/admin')) return next();
      const run = async (i: number): Promise<void> => (i < mws.length ? void (await mws[i]!(c, () => run(i + 1))) : next());
      await run(0);
    });
  const [tag, cacheControl] = cacheable(STATUS_CACHE);
  app.use('*', publicOnly(cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }) as never, tag as never, cacheControl as never));

  registerMonitorRoutes(app, deps);
  registerComponentRoutes(app, deps);
  registerUptimeAndIncidentRoutes(app, deps);

  const document = () => app.getOpenAPI31Document(DOC_INFO) as unknown as OpenApiDoc;
  app.get('/openapi.json', (c) => {
    c.header('cache-control', DOC_CACHE);
    return c.json(document());
  });
  app.get('/docs', (c) => {
    c.header('cache-control', DOC_CACHE);
    return c.html(renderReferencePage(document()));
  });
  return app;
}
