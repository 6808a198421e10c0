import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type postgres from 'postgres';
import type { z } from 'zod';
import { ConflictError, InvalidChangeError, NotFoundError } from '../../db/admin-errors.js';
import type { Log } from '../../log.js';
import { requireAdmin } from '../admin-auth.js';
import { problemResponse, ProblemError, toProblem } from '../problem.js';
import { registerAlertRoutes } from './alert-routes.js';
import { registerIncidentRoutes } from './incident-routes.js';
import { registerMaintenanceRoutes } from './maintenance-routes.js';

export interface AdminDeps {
  sql: () => postgres.Sql;
  clock: () => Date;
  log: Log;
  adminToken: string | undefined;
  newId: (prefix: string) => string;
  /** Called after a write that changes what the status page shows (refresh its snapshot). */
  onChange?: () => void;
}

/**
 * The admin API under /api/v1/admin: incidents, maintenances, alert endpoints and the delivery log. Every route
 * needs the bearer token; bodies are validated with zod before anything is written, and every verb is one
 * transaction, so an invalid request changes nothing. Errors are problem+json naming the failing fields.
 */
export function createAdminApi(deps: AdminDeps) {
  const app = new Hono();
  app.use('*', requireAdmin(deps.adminToken));
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new ProblemError(413, 'Payload Too Large', 'request bodies are limited to 64 KiB'); } }));
  app.onError((err, c) => {
    if (err instanceof NotFoundError) return problemResponse(c, 404, 'Not Found', err.message);
    if (err instanceof InvalidChangeError) return problemResponse(c, 422, 'Invalid change', err.message, err.errors);
    if (err instanceof ConflictError) return problemResponse(c, 409, 'Conflict', err.message);
    if (!('status' in err)) deps.log('error', 'admin request failed', { path: c.req.path, error: err.message });
    return toProblem(err, c);
  });
  registerIncidentRoutes(app, deps);
  registerMaintenanceRoutes(app, deps);
  registerAlertRoutes(app, deps);
  return app;
}

/** Parse and validate a JSON body; every failing field is named in the problem. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let doc: unknown;
  try {
    doc = await c.req.json();
  } catch {
    throw new ProblemError(400, 'Invalid request', 'the body must be a JSON document', [{ field: '(body)', message: 'not valid JSON' }]);
  }
  return validate(schema, doc);
}

export function validate<S extends z.ZodType>(schema: S, doc: unknown): z.output<S> {
  const parsed = schema.safeParse(doc);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
  throw new ProblemError(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}
