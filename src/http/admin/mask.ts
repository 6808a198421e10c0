import { endpointUrlEnv } from '../../alerts/endpoint-url.js';
import type { StoredSecret } from '../../db/alert-endpoint-store.js';

/** A secret as the admin API shows it: never in full. Env references are names, not secrets, and show as is. */
export function maskSecret(s: StoredSecret): string | { env: string } {
  if (typeof s !== 'string') return s;
  const prefix = s.startsWith('whsec_') ? 'whsec_' : '';
  return `${prefix}…${s.length - prefix.length > 12 ? s.slice(-4) : ''}`;
}

/** Chat and paging webhook URLs carry their token in the path: show the origin and the path's end only. */
export function maskUrl(kind: string, url: string): string {
  // `env:NAME`: the URL lives in the environment; the name is not a secret.
  if (endpointUrlEnv(url) !== null) return url;
  try {
    const u = new URL(url);
    // A plain webhook's path is usually not secret; credentials and query strings may be.
    if (kind === 'webhook') return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
    return `${u.origin}/…${u.pathname.length > 12 ? u.pathname.slice(-4) : ''}`;
  } catch {
    return '…';
  }
}
