import { Hono } from 'hono';
import type postgres from 'postgres';
import type { PageConfig } from '../config/schema.js';
import { listMonitorStatus } from '../db/status-queries.js';
import type { Log } from '../log.js';
import type { TickReport } from '../scheduler/tick.js';
import { requireAdmin } from './admin-auth.js';
import { createApiV1 } from './api-v1/index.js';
import { createApiV2 } from './api-v2.js';
import { renderPlainPage } from './plain-page.js';
import { problemResponse, toProblem } from './problem.js';

export interface AppDeps {
  /** A database handle for this request (Workers: per invocation; Node: the shared pool). */
  sql: () => postgres.Sql;
  page: PageConfig;
  clock: () => Date;
  log: Log;
  adminToken: string | undefined;
  runTick: () => Promise<TickReport>;
}

export function createApp(deps: AppDeps) {
  const app = new Hono();

  app.onError((err, c) => {
    if (!('status' in err)) deps.log('error', 'request failed', { path: c.req.path, error: err.message });
    return toProblem(err, c);
  });
  app.notFound((c) => problemResponse(c, 404, 'Not Found', `no route for ${c.req.method} ${c.req.path}`));

  app.route('/api/v2', createApiV2(deps));

  app.get('/healthz', (c) => c.json({ ok: true, time: deps.clock().toISOString() }));

  app.route('/api/v1', createApiV1(deps));

  app.post('/api/v1/admin/tick', requireAdmin(deps.adminToken), async (c) => c.json(await deps.runTick()));

  app.get('/', async (c) => {
    const rows = await listMonitorStatus(deps.sql(), deps.clock());
    return c.html(renderPlainPage(deps.page, rows, deps.clock()));
  });

  return app;
}
