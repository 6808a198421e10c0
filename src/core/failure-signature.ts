// What an outage looks like from each place: which locations fail, in which phase, with which errors, since when.
import { listNames } from './quorum.js';
import type { ConfirmedStatus } from './statuses.js';
import type { ErrorClass } from './types.js';

/** The phase of a request a failure happened in, first to last. */
export const FAILURE_PHASES = ['dns', 'connect', 'tls', 'first_byte', 'http_status', 'assertion'] as const;
export type FailurePhase = (typeof FAILURE_PHASES)[number];

const PHASE_OF: Record<ErrorClass, FailurePhase> = {
  dns: 'dns', nxdomain: 'dns', servfail: 'dns',
  refused: 'connect', reset: 'connect', connect_timeout: 'connect', network: 'connect',
  tls: 'tls', certificate_expiry: 'tls',
  timeout: 'first_byte',
  http_status: 'http_status', redirect: 'http_status',
  assertion: 'assertion', body_too_large: 'assertion', invalid_response: 'assertion',
  heartbeat_missed: 'assertion', heartbeat_failed: 'assertion',
};

/** The phase an error class belongs to. */
export function phaseOf(errorClass: ErrorClass): FailurePhase {
  return PHASE_OF[errorClass];
}

/** How people read an error class in a sentence ("connect timeouts since 16:00 UTC"). */
const ERROR_WORDS: Partial<Record<ErrorClass, string>> = {
  dns: 'DNS failures', nxdomain: 'NXDOMAIN answers', servfail: 'SERVFAIL answers', refused: 'refused connections', reset: 'connection resets',
  connect_timeout: 'connect timeouts', network: 'network errors', tls: 'TLS errors', timeout: 'timeouts', http_status: 'HTTP errors',
  assertion: 'failed assertions',
};

/** One location's latest standing on a monitor, as the signature reads it. */
export interface LocationReport {
  location: string;
  name: string;
  status: ConfirmedStatus;
  errorClass: ErrorClass | null;
  statusCode: number | null;
  /** When this location's current run of failures began. */
  firstFailureAt: Date | null;
}

/** The failure signature of one monitor (kept with its incident, shown on the page, in the APIs and the alerts). */
export interface FailureSignature {
  failing: Array<{ location: string; name: string; phase: FailurePhase | null; errorClass: ErrorClass | null; statusCode: number | null; since: string | null }>;
  passing: Array<{ location: string; name: string }>;
  phases: FailurePhase[];
  errorClasses: ErrorClass[];
  statusCodes: number[];
  /** The earliest first failure among the failing locations. */
  since: string | null;
}

/** The signature of the locations' latest reports: down ones fail, up and degraded ones pass (others are left out). */
export function failureSignature(reports: readonly LocationReport[]): FailureSignature {
  const failing = reports.filter((r) => r.status === 'down').map((r) => ({
    location: r.location, name: r.name, phase: r.errorClass ? phaseOf(r.errorClass) : null, errorClass: r.errorClass,
    statusCode: r.statusCode, since: r.firstFailureAt?.toISOString() ?? null,
  }));
  const passing = reports.filter((r) => r.status === 'up' || r.status === 'degraded').map((r) => ({ location: r.location, name: r.name }));
  const uniq = <T>(xs: Array<T | null>) => [...new Set(xs.filter((x): x is T => x !== null))];
  const phases = FAILURE_PHASES.filter((p) => failing.some((f) => f.phase === p));
  const times = failing.map((f) => f.since).filter((s): s is string => s !== null).sort();
  return { failing, passing, phases, errorClasses: uniq(failing.map((f) => f.errorClass)), statusCodes: uniq(failing.map((f) => f.statusCode)).sort((a, b) => a - b), since: times[0] ?? null };
}

/** "down from US East and US West, up from EU West: connect timeouts since 16:00 UTC". */
export function describeSignature(s: FailureSignature): string {
  const parts = [`down from ${listNames(s.failing.map((f) => f.name))}`];
  if (s.passing.length) parts.push(`up from ${listNames(s.passing.map((p) => p.name))}`);
  const what = s.errorClasses.map((e) => (e === 'http_status' && s.statusCodes.length ? `HTTP ${s.statusCodes.join('/')}` : (ERROR_WORDS[e] ?? e.replace(/_/g, ' '))));
  const since = s.since ? ` since ${s.since.slice(11, 16)} UTC` : '';
  return `${parts.join(', ')}${what.length ? `: ${listNames(what)}${since}` : since}`;
}
