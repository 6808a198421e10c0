// The one guard of every admin route, API and console alike: who is asking (a bearer token or a session), whether
// their scope allows it (core/scopes.ts), an audit row for a write (written before it runs, completed after, removed
// when it was refused), and the token's last use once the request succeeded. A request refused here is answered
// before anything is written; one refused by its handler (a 4xx) leaves nothing either.
import type { Context, Next } from 'hono';
import { createMiddleware } from 'hono/factory';
import type postgres from 'postgres';
import { isWrite, requiredScope, scopeGrants } from '../core/scopes.js';
import { closeAudit, dropAudit, openAudit } from '../db/audit-store.js';
import { touchToken } from '../db/token-store.js';
import type { Principal, TokenAuthority } from '../auth/principal.js';
import { ProblemError } from './problem.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by the admin guard for every admin route. */
    principal: Principal;
  }
}

export interface AccessDeps {
  sql: () => postgres.Sql;
  clock: () => Date;
  tokens: TokenAuthority;
}

/** The area of an admin path: its first segment after the prefix (`/api/v1/admin/incidents/x` → `incidents`). */
function areaOf(path: string, prefix: string): string {
  return path.slice(prefix.length).split('/').find((s) => s !== '') ?? '';
}

/**
 * Check the principal's scope for this request, run it, then record what it did. `via` names the surface in the
 * audit log. Throws 403 (problem+json, or the console's page) when the scope does not allow the request.
 */
export async function authorize(c: Context, next: Next, deps: AccessDeps, principal: Principal, via: 'api' | 'console', prefix: string): Promise<void> {
  const need = requiredScope(c.req.method, areaOf(c.req.path, prefix));
  if (!scopeGrants(principal.scope, need)) {
    throw new ProblemError(403, 'Forbidden', `the token "${principal.name}" has the scope "${principal.scope}"; this needs "${need}"`);
  }
  c.set('principal', principal);
  const audit = isWrite(c.req.method) ? await openAudit(deps.sql(), { at: deps.clock(), tokenName: principal.name, via, method: c.req.method, route: rawPath(c) }) : null;
  await next();
  const status = c.res.status;
  // A 4xx is a refusal that changed nothing (the stores' rule); a 5xx may have failed after its write committed, so
  // its row stays, with the status.
  if (audit !== null && status >= 400 && status < 500) await dropAudit(deps.sql(), audit);
  else if (audit !== null) await closeAudit(deps.sql(), audit, { route: c.req.routePath, target: await targetOf(c), status });
  if (status < 400 && principal.tokenId) await touchToken(deps.sql(), principal.tokenId, deps.clock());
}

/** The path as sent (still percent-encoded: a decoded `%00` is a NUL that no text column takes). */
function rawPath(c: Context): string {
  return new URL(c.req.url).pathname;
}

/** The row a write touched: the id in its path, else the one it created (named by the answer, its Location, or its JSON id). */
async function targetOf(c: Context): Promise<string | null> {
  const param = c.req.param('id');
  if (param) return param;
  const named = c.res.headers.get('x-lookout-target');
  if (named) return named;
  const location = c.res.headers.get('location');
  if (location) return location.split('/').filter(Boolean).pop() ?? null;
  if (!c.res.headers.get('content-type')?.startsWith('application/json')) return null;
  const doc = (await c.res.clone().json().catch(() => null)) as { id?: unknown } | null;
  return typeof doc?.id === 'string' || typeof doc?.id === 'number' ? String(doc.id) : null;
}

/** Bearer-token guard of the admin API: 401 without a live token, 403 beyond its scope. */
export function requireToken(deps: AccessDeps, prefix = '/api/v1/admin') {
  return createMiddleware(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const principal = given ? await deps.tokens.bySecret(given) : null;
    if (!principal) {
      c.header('www-authenticate', 'Bearer realm="lookout-admin"');
      throw new ProblemError(401, 'Unauthorized', 'a valid admin bearer token is required (LOOKOUT_ADMIN_TOKEN, or a named token)');
    }
    await authorize(c, next, deps, principal, 'api', prefix);
  });
}
