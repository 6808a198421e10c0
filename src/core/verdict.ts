import type { Assertion, CertificateExpiryPolicy, DnsMonitorSpec, HeartbeatMonitorSpec, HttpMonitorSpec, TcpMonitorSpec } from './monitor.js';
import type { ErrorClass, ProbeResult, Verdict } from './types.js';

/** The judgement of one probe: up, degraded or down, and why. */
export interface Judgement {
  verdict: Verdict;
  errorClass: ErrorClass | null;
  reason: string | null;
}

/** The parts of a spec the judgement reads; an HTTP spec may lack `type` (stored before types existed). */
type JudgedSpec =
  | (Pick<HttpMonitorSpec, 'expectedStatus' | 'assertions' | 'degradedAboveMs'> & { type?: 'http'; certificateExpiry?: CertificateExpiryPolicy | null })
  | Pick<TcpMonitorSpec, 'type' | 'expect' | 'degradedAboveMs' | 'certificateExpiry'>
  | Pick<DnsMonitorSpec, 'type' | 'dns' | 'degradedAboveMs'>
  | Pick<HeartbeatMonitorSpec, 'type' | 'degradedAboveMs'>;

const DAY_MS = 86_400_000;

/**
 * Judge one probe result against its monitor's expectations.
 * Order matters: transport failure, then what the answer must be (HTTP status and body assertions, the TCP answer,
 * the DNS answers), then certificate expiry (down, then degraded), then latency (→ degraded).
 */
export function judgeProbe(result: ProbeResult, spec: JudgedSpec): Judgement {
  if (result.errorClass) return { verdict: 'down', errorClass: result.errorClass, reason: result.error };
  if (spec.type === 'heartbeat') return { verdict: 'up', errorClass: null, reason: null }; // its result says it all
  const failure = spec.type === 'tcp' ? judgeTcp(result, spec) : spec.type === 'dns' ? judgeDns(result, spec) : judgeHttp(result, spec);
  if (failure) return failure;
  const days = spec.type === 'dns' ? null : certificateDaysLeft(result, spec.certificateExpiry ?? null);
  if (days !== null) {
    const policy = (spec as { certificateExpiry: CertificateExpiryPolicy }).certificateExpiry;
    const reason = days < 0 ? 'certificate expired' : `certificate expires in ${days} day${days === 1 ? '' : 's'}`;
    if (days <= policy.downDays) return { verdict: 'down', errorClass: 'certificate_expiry', reason };
    if (days <= policy.warnDays) return { verdict: 'degraded', errorClass: null, reason };
  }
  if (spec.degradedAboveMs !== null && result.timings.totalMs > spec.degradedAboveMs) {
    return {
      verdict: 'degraded',
      errorClass: null,
      reason: `responded in ${Math.round(result.timings.totalMs)} ms, above ${spec.degradedAboveMs} ms`,
    };
  }
  return { verdict: 'up', errorClass: null, reason: null };
}

/** Whole days from the check to the certificate's expiry (negative once expired); null when not judged. */
function certificateDaysLeft(result: ProbeResult, policy: CertificateExpiryPolicy | null): number | null {
  if (!policy || !result.certExpiresAt) return null;
  return Math.floor((result.certExpiresAt.getTime() - result.at.getTime()) / DAY_MS);
}

/**
 * Which certificate threshold a check is past: "down" within `downDays` of expiry, "warn" within `warnDays`, null
 * otherwise (or when the monitor judges no certificate). The tick compares it with the previous check's to send
 * one certificate.expiring event per threshold crossed.
 */
export function certificateThreshold(certExpiresAt: Date | null, at: Date, policy: CertificateExpiryPolicy | null): 'warn' | 'down' | null {
  if (!policy || !certExpiresAt) return null;
  const days = Math.floor((certExpiresAt.getTime() - at.getTime()) / DAY_MS);
  return days <= policy.downDays ? 'down' : days <= policy.warnDays ? 'warn' : null;
}

function judgeHttp(result: ProbeResult, spec: Pick<HttpMonitorSpec, 'expectedStatus' | 'assertions'>): Judgement | null {
  if (result.statusCode === null || !spec.expectedStatus.includes(result.statusCode)) {
    return {
      verdict: 'down',
      errorClass: 'http_status',
      reason: `HTTP ${result.statusCode ?? 'none'}, expected ${spec.expectedStatus.join(' or ')}`,
    };
  }
  for (const assertion of spec.assertions) {
    const failure = checkAssertion(assertion, result.body ?? '', result.bodyTruncated);
    if (failure) return { verdict: 'down', errorClass: 'assertion', reason: failure };
  }
  return null;
}

/** The answer (or banner) must contain `expect`; like body assertions, the reason never quotes what came back. */
function judgeTcp(result: ProbeResult, spec: Pick<TcpMonitorSpec, 'expect'>): Judgement | null {
  if (spec.expect === null || (result.body ?? '').includes(spec.expect)) return null;
  return { verdict: 'down', errorClass: 'assertion', reason: `answer does not contain ${JSON.stringify(spec.expect)}` };
}

/** DNS answers are public: the reason says what was answered. Names compare without case or a trailing dot. */
function judgeDns(result: ProbeResult, spec: Pick<DnsMonitorSpec, 'dns'>): Judgement | null {
  const norm = (v: string) => v.trim().replace(/\.$/, '').toLowerCase();
  const answers = (result.answers ?? []).map(norm);
  const got = answers.length ? `got ${truncateList(result.answers ?? [])}` : `no ${spec.dns.recordType} records`;
  const { contains, equals } = spec.dns.expect;
  if (contains !== null && !answers.includes(norm(contains))) {
    return { verdict: 'down', errorClass: 'assertion', reason: `${spec.dns.recordType} answers do not include ${JSON.stringify(contains)} (${got})` };
  }
  if (equals !== null) {
    const want = [...new Set(equals.map(norm))].sort();
    const have = [...new Set(answers)].sort();
    if (want.length !== have.length || want.some((w, i) => w !== have[i])) {
      return { verdict: 'down', errorClass: 'assertion', reason: `${spec.dns.recordType} answers are not ${JSON.stringify(equals)} (${got})` };
    }
  }
  return null;
}

function truncateList(values: string[]): string {
  const text = values.join(', ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * Returns why the assertion failed, or null when it holds. The reason names the assertion, never what the response
 * carried: it is stored and shown publicly (page, APIs, feeds, webhooks), and a service that echoes the request
 * would otherwise put the monitor's secret headers there.
 */
function checkAssertion(assertion: Assertion, body: string, truncated: boolean): string | null {
  switch (assertion.type) {
    case 'bodyContains':
      return body.includes(assertion.value) ? null : `body does not contain ${JSON.stringify(assertion.value)}`;
    case 'bodyNotContains':
      return body.includes(assertion.value) ? `body contains ${JSON.stringify(assertion.value)}` : null;
    case 'jsonPathEquals': {
      if (truncated) return 'body too large to parse as JSON';
      let doc: unknown;
      try {
        doc = JSON.parse(body);
      } catch {
        return 'body is not valid JSON';
      }
      const found = readJsonPath(doc, assertion.path);
      if (!found.exists) return `${assertion.path} is missing`;
      return found.value === assertion.value
        ? null
        : `${assertion.path} is not ${JSON.stringify(assertion.value)} (got ${kindOf(found.value)})`;
    }
  }
}

/** What kind of JSON value a response had, without the value. */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** A small JSONPath subset: `$.a.b[0].c` (dots and numeric indexes). */
export function readJsonPath(doc: unknown, path: string): { exists: boolean; value: unknown } {
  const steps = path
    .replace(/^\$\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '');
  let cur: unknown = doc;
  for (const step of steps) {
    if (cur === null || typeof cur !== 'object') return { exists: false, value: undefined };
    const key = Array.isArray(cur) && /^\d+$/.test(step) ? Number(step) : step;
    if (!Object.hasOwn(cur, key)) return { exists: false, value: undefined };
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return { exists: true, value: cur };
}
