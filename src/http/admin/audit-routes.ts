import type { Hono } from 'hono';
import { listAudit } from '../../db/audit-store.js';
import type { AdminDeps } from './deps.js';
import { validate } from './validate.js';
import { AuditQuery } from './schemas.js';

/** The audit log, newest first: every write with the name of the token that made it. */
export function registerAuditRoutes(app: Hono, deps: AdminDeps): void {
  app.get('/audit', async (c) => {
    const q = validate(AuditQuery, c.req.query());
    return c.json({ entries: await listAudit(deps.sql(), { limit: q.limit, tokenName: q.token }) });
  });
}
