import type { z } from 'zod';
import type { CertificateExpiryPolicy, MonitorSpec } from '../core/monitor.js';
import { LookoutConfig, type MonitorConfig } from './schema.js';

type CertificateExpiryConfig = Extract<MonitorConfig, { type: 'http' }>['certificateExpiry'];

/**
 * Thrown for an invalid config or history file: the message names the source, the monitor (or incident) and the
 * field of every problem.
 */
export class ConfigError extends Error {
  constructor(public readonly source: string, public readonly problems: string[], what: 'config' | 'history' = 'config') {
    super(`Invalid ${what} ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validate a parsed JSON document as a Lookout config; every problem is reported at once. */
export function parseConfig(doc: unknown, source: string): LookoutConfig {
  const parsed = LookoutConfig.safeParse(doc);
  if (!parsed.success) throw new ConfigError(source, parsed.error.issues.map((issue) => describeIssue(issue, doc)));
  return parsed.data;
}

/** Parse config text (JSON); a syntax error is reported with the source name too. */
export function parseConfigText(text: string, source: string): LookoutConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(source, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseConfig(doc, source);
}

// The lists whose entries have ids: a problem in one is named by the entry's id rather than its index.
const LISTS: Record<string, string> = { monitors: 'monitor', incidents: 'incident', locations: 'location' };

/** One zod issue as `monitor "api" field "url": …` (or `incident "x-2025-03-10" field "updates.2.status": …`). */
export function describeIssue(issue: z.core.$ZodIssue, doc: unknown): string {
  const path = issue.path.map(String);
  let where = path.length ? path.join('.') : '(top level)';
  const noun = LISTS[path[0] ?? ''];
  if (noun && path.length >= 2) {
    const list = (doc as Record<string, unknown> | null)?.[path[0]!];
    const id = Array.isArray(list) ? (list[Number(path[1])] as { id?: unknown } | undefined)?.id : undefined;
    const field = path.slice(2).join('.') || `(the ${noun} itself)`;
    where = `${noun} ${typeof id === 'string' ? `"${id}"` : `#${path[1]}`} field "${field}"`;
  }
  return `${where}: ${issue.message}`;
}

/** The monitor as the rest of Lookout sees it. */
export function toMonitorSpec(m: MonitorConfig): MonitorSpec {
  const base = {
    id: m.id,
    name: m.name,
    component: m.component,
    group: m.group ?? null,
    intervalSeconds: m.interval,
  };
  if (m.type === 'heartbeat') {
    // Judged once per tick from the latest beat: one verdict is final, no re-probe, nothing to time out.
    return {
      ...base, timeoutMs: 1000, degradedAboveMs: null, failuresBeforeDown: 1, successesBeforeUp: 1, retryDelayMs: 0,
      type: 'heartbeat', periodSeconds: m.period, graceSeconds: m.grace, token: m.token, tokenHash: null,
    };
  }
  const probed = {
    ...base,
    timeoutMs: m.timeoutMs,
    degradedAboveMs: m.degradedAboveMs ?? null,
    failuresBeforeDown: m.failuresBeforeDown,
    successesBeforeUp: m.successesBeforeUp,
    retryDelayMs: m.retryDelay * 1000,
  };
  switch (m.type) {
    case 'http':
      return {
        ...probed,
        type: 'http',
        url: m.url,
        method: m.method,
        headers: m.headers,
        body: m.body ?? null,
        expectedStatus: m.expectedStatus,
        assertions: m.assertions,
        followRedirects: m.followRedirects,
        certificateExpiry: m.url.startsWith('https:') ? certificatePolicy(m.certificateExpiry) : null,
      };
    case 'tcp':
      return {
        ...probed,
        type: 'tcp',
        host: m.host,
        port: m.port,
        send: m.send ?? null,
        expect: m.expect ?? null,
        tls: m.tls,
        certificateExpiry: m.tls ? certificatePolicy(m.certificateExpiry) : null,
      };
    case 'dns':
      return {
        ...probed,
        type: 'dns',
        dns: {
          name: m.dns.name,
          recordType: m.dns.recordType,
          resolver: m.dns.resolver ?? null,
          expect: { contains: m.dns.expect.contains ?? null, equals: m.dns.expect.equals ?? null },
        },
      };
  }
}

/** Absent: the default thresholds; false: none. */
function certificatePolicy(c: CertificateExpiryConfig): CertificateExpiryPolicy | null {
  if (c === false) return null;
  return c ?? { warnDays: 14, downDays: 3 };
}
