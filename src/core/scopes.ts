// What a named token may do, decided in one place for the admin API and the console alike.

/** Token scopes, from least to most: each grants what the ones before it grant. */
export const TOKEN_SCOPES = ['read', 'incidents', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * Areas whose writes an `incidents` token may make: incidents and maintenance windows (the on-call engineer's
 * work). Every other write — alert endpoints, deliveries, tokens, the tick — needs `admin`.
 */
const INCIDENT_AREAS: ReadonlySet<string> = new Set(['incidents', 'maintenances', 'maintenance', 'maintenance-schedules']);
/** Areas even a read is `admin`-only: the token list (names, scopes, last use). */
const ADMIN_READ_AREAS: ReadonlySet<string> = new Set(['tokens']);

/**
 * The scope a request needs, from its method and its area (the first path segment under /api/v1/admin or /admin):
 * reads need `read`, writes to incidents and maintenance `incidents`, everything else `admin`.
 */
export function requiredScope(method: string, area: string): TokenScope {
  const read = method === 'GET' || method === 'HEAD';
  if (ADMIN_READ_AREAS.has(area)) return 'admin';
  if (read) return 'read';
  return INCIDENT_AREAS.has(area) ? 'incidents' : 'admin';
}

/** Whether a token of scope `have` may do what needs `need`. */
export function scopeGrants(have: TokenScope, need: TokenScope): boolean {
  return TOKEN_SCOPES.indexOf(have) >= TOKEN_SCOPES.indexOf(need);
}

/** Whether a request is a write (it is audited and checked for CSRF in the console). */
export function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
