import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type postgres from 'postgres';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { DOC_CACHE, STATUS_CACHE } from '../../site/headers.js';
import { ProblemError } from '../problem.js';
import type { PublicReadDeps } from '../public-reads.js';
import { registerComponentRoutes } from './component-routes.js';
import { registerMonitorRoutes } from './monitor-routes.js';
import { renderReferencePage, type OpenApiDoc } from './reference-page.js';
import { registerUptimeAndIncidentRoutes } from './uptime-incident-routes.js';

export interface ApiV1Deps extends PublicReadDeps {
  sql: () => postgres.Sql;
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
 * that validate requests. Invalid input answers 400 problem+json naming each failing field. Status and uptime over
 * named windows come from the published site; checks, daily series, explicit ranges and incident pages are read.
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
  // Public reads only: the admin routes beside us are not opened to other origins.
  const publicCors = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['x-lookout-stale'] });
  // Reads answered from the database get an ETag from their body and the status cache policy (published ones
  // carry their own).
  const tagged = etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'access-control-allow-origin', 'access-control-expose-headers'] });
  const cacheControl = createMiddleware(async (c, next) => {
    await next();
    if (c.res.ok && !c.res.headers.has('cache-control')) c.res.headers.set('cache-control', STATUS_CACHE);
  });
  app.use('*', createMiddleware(async (c, next) => {
    if (c.req.path.startsWith('/api/v1/admin')) await next();
    else await publicCors(c, async () => void (await tagged(c, async () => void (await cacheControl(c, next)))));
  }));

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
