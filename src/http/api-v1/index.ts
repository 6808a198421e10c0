import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DOC_CACHE, PUBLIC_API_HEADERS } from '../../site/headers.js';
import { acceptedEncodings, publish, representationOf } from '../../site/published-file.js';
import { respondWith } from '../../site/respond.js';
import { ProblemError } from '../problem.js';
import type { ApiV1Deps } from './deps.js';
import { registerComponentRoutes } from './component-routes.js';
import { registerHeartbeatRoutes } from './heartbeat-routes.js';
import { registerLocationRoutes } from './location-routes.js';
import { registerMonitorRoutes } from './monitor-routes.js';
import { renderReferencePage, type OpenApiDoc } from './reference-page.js';
import { registerUptimeAndIncidentRoutes } from './uptime-incident-routes.js';

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
  registerMonitorRoutes(app, deps);
  registerComponentRoutes(app, deps);
  registerUptimeAndIncidentRoutes(app, deps);
  registerHeartbeatRoutes(app, deps);
  registerLocationRoutes(app, deps);

  // Both documents change only with a deploy: made once, on first request, and served as published answers.
  const document = () => app.getOpenAPI31Document(DOC_INFO) as unknown as OpenApiDoc;
  const started = Date.now();
  const once = (make: () => { body: string; type: string }) => {
    let file: ReturnType<typeof publish> | undefined;
    return (c: Context) => {
      file ??= (() => {
        const { body, type } = make();
        return publish({ status: 200, body, headers: { ...PUBLIC_API_HEADERS, 'content-type': type, 'cache-control': DOC_CACHE } }, { dataAt: started, generatedAt: started });
      })();
      return file.then((f) => respondWith(representationOf(f, acceptedEncodings(c.req.header('accept-encoding'))), { ifNoneMatch: c.req.header('if-none-match'), head: c.req.method === 'HEAD' }));
    };
  };
  app.get('/openapi.json', once(() => ({ body: JSON.stringify(document()), type: 'application/json' })));
  app.get('/docs', once(() => ({ body: String(renderReferencePage(document())), type: 'text/html; charset=utf-8' })));
  return app;
}
