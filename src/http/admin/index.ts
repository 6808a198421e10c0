import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requireToken } from '../admin-auth.js';
import { ProblemError } from '../problem.js';
import { registerAlertRoutes } from './alert-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerIncidentRoutes } from './incident-routes.js';
import { registerMaintenanceRoutes } from './maintenance-routes.js';
import { registerScheduleRoutes } from './schedule-routes.js';
import { registerTokenRoutes } from './token-routes.js';

import type { AdminDeps } from './deps.js';

export type { AdminDeps } from './deps.js';

/**
 * The admin API under /api/v1/admin: incidents, maintenances, alert endpoints, the delivery log, tokens and the
 * audit log. Every route needs a bearer token whose scope allows it (admin-auth.ts); bodies are validated with zod before anything is written, and every verb is one
 * transaction, so an invalid request changes nothing. Errors are problem+json naming the failing fields.
 */
export function createAdminApi(deps: AdminDeps) {
  const app = new Hono();
  app.use('*', requireToken(deps));
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new ProblemError(413, 'Payload Too Large', 'request bodies are limited to 64 KiB'); } }));
  // Errors (refused changes, validation, the database) are mapped by the app's one onError (problem.ts).
  registerIncidentRoutes(app, deps);
  registerMaintenanceRoutes(app, deps);
  registerScheduleRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerAuditRoutes(app, deps);
  return app;
}
