// The headers of the public answers, declared once. Forms may post to this origin only (the report form).

const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Headers every page carries, cached or not. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** Short freshness, long grace: a CDN or browser may serve an old copy while revalidating or while we fail. */
export const PAGE_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=60, stale-if-error=86400';
/** Status data changes within a minute: short freshness, then revalidate (cheap thanks to the ETag). */
export const STATUS_CACHE = 'public, max-age=15, stale-while-revalidate=30, stale-if-error=300';
/** Documents that change only with a deploy (the OpenAPI document, the reference page). */
export const DOC_CACHE = 'public, max-age=300';
/** Badges: README images are fetched through proxies that keep them a minute anyway. */
export const BADGE_CACHE_SECONDS = 60;

/** Open to every origin: status widgets and dashboards read these from other sites. */
export const PUBLIC_API_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-lookout-stale',
  'x-content-type-options': 'nosniff',
};

export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json';
