import type { HttpMonitorSpec } from '../core/monitor.js';
import type { ProbeOptions } from './types.js';

/** Build request headers, resolving env-var references; a missing variable is reported, never sent empty. */
export function resolveHeaders(spec: HttpMonitorSpec, opts: ProbeOptions): { headers: Record<string, string>; missing: string[] } {
  const headers: Record<string, string> = { 'user-agent': opts.userAgent, 'cache-control': 'no-cache' };
  if (opts.location) headers['x-lookout-location'] = opts.location;
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

const REDACTED = '[redacted]';

/** The values of a monitor's secret headers (`{ "env": NAME }`), as resolved for its probes. */
export function secretHeaderValues(spec: HttpMonitorSpec, env: (name: string) => string | undefined): string[] {
  const values: string[] = [];
  for (const value of Object.values(spec.headers)) {
    if (typeof value === 'string') continue;
    const resolved = env(value.env);
    if (resolved) values.push(resolved);
  }
  return values;
}

/**
 * `text` with every occurrence of a secret replaced by "[redacted]", as written plainly and as it appears inside a
 * JSON string (a reason quoting it). Longest first, so a secret containing another is removed whole.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    forms.add(s);
    forms.add(JSON.stringify(s).slice(1, -1));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) if (form) out = out.split(form).join(REDACTED);
  return out;
}
