import type { MonitorSpec } from '../core/monitor.js';
import type { ProbeOptions } from './types.js';

/** Build request headers, resolving env-var references; a missing variable is reported, never sent empty. */
export function resolveHeaders(spec: MonitorSpec, opts: ProbeOptions): { headers: Record<string, string>; missing: string[] } {
  const headers: Record<string, string> = { 'user-agent': opts.userAgent, 'cache-control': 'no-cache' };
  const missing: string[] = [];
  for (const [name, value] of Object.entries(spec.headers)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
    else {
      const resolved = opts.env(value.env);
      if (resolved === undefined) missing.push(value.env);
      else headers[name.toLowerCase()] = resolved;
    }
  }
  return { headers, missing };
}
