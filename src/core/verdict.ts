import type { Assertion, MonitorSpec } from './monitor.js';
import type { ErrorClass, ProbeResult, Verdict } from './types.js';

/** The judgement of one probe: up, degraded or down, and why. */
export interface Judgement {
  verdict: Verdict;
  errorClass: ErrorClass | null;
  reason: string | null;
}

/**
 * Judge one probe result against its monitor's expectations.
 * Order matters: transport failure, then status code, then body assertions, then latency (→ degraded).
 */
export function judgeProbe(result: ProbeResult, spec: Pick<MonitorSpec, 'expectedStatus' | 'assertions' | 'degradedAboveMs'>): Judgement {
  if (result.errorClass) return { verdict: 'down', errorClass: result.errorClass, reason: result.error };
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
  if (spec.degradedAboveMs !== null && result.timings.totalMs > spec.degradedAboveMs) {
    return {
      verdict: 'degraded',
      errorClass: null,
      reason: `responded in ${Math.round(result.timings.totalMs)} ms, above ${spec.degradedAboveMs} ms`,
    };
  }
  return { verdict: 'up', errorClass: null, reason: null };
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
