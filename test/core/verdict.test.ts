import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../src/core/types.js';
import { judgeProbe, readJsonPath } from '../../src/core/verdict.js';

const result = (over: Partial<ProbeResult> = {}): ProbeResult => ({
  at: new Date(0), ok: true, statusCode: 200, errorClass: null, error: null, body: '{"status":{"ok":true,"n":3}}',
  bodyTruncated: false, certExpiresAt: null,
  timings: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 5, totalMs: 10 }, ...over,
});
const spec = { expectedStatus: [200], assertions: [], degradedAboveMs: null };

describe('judgeProbe', () => {
  it('is up for an expected status', () => expect(judgeProbe(result(), spec).verdict).toBe('up'));
  it('keeps the transport error class', () => {
    expect(judgeProbe(result({ ok: false, statusCode: null, errorClass: 'dns', error: 'DNS lookup failed' }), spec)).toEqual({ verdict: 'down', errorClass: 'dns', reason: 'DNS lookup failed' });
  });
  it('is down with http_status for an unexpected status', () => {
    const j = judgeProbe(result({ statusCode: 503 }), spec);
    expect(j).toMatchObject({ verdict: 'down', errorClass: 'http_status' });
    expect(j.reason).toContain('503');
  });
  it('is degraded above the latency threshold, up below it', () => {
    expect(judgeProbe(result(), { ...spec, degradedAboveMs: 5 }).verdict).toBe('degraded');
    expect(judgeProbe(result(), { ...spec, degradedAboveMs: 50 }).verdict).toBe('up');
  });
  it.each([
    [{ type: 'bodyContains' as const, value: '"ok":true' }, 'up'],
    [{ type: 'bodyContains' as const, value: 'maintenance' }, 'down'],
    [{ type: 'bodyNotContains' as const, value: 'error' }, 'up'],
    [{ type: 'bodyNotContains' as const, value: 'status' }, 'down'],
    [{ type: 'jsonPathEquals' as const, path: '$.status.ok', value: true }, 'up'],
    [{ type: 'jsonPathEquals' as const, path: '$.status.n', value: 4 }, 'down'],
    [{ type: 'jsonPathEquals' as const, path: '$.missing', value: 1 }, 'down'],
  ])('assertion %j → %s', (assertion, verdict) => {
    const j = judgeProbe(result(), { ...spec, assertions: [assertion] });
    expect(j.verdict).toBe(verdict);
    if (verdict === 'down') expect(j.errorClass).toBe('assertion');
  });
  it('fails a JSON assertion on a truncated body instead of guessing', () => {
    const j = judgeProbe(result({ bodyTruncated: true }), { ...spec, assertions: [{ type: 'jsonPathEquals', path: '$.status.ok', value: true }] });
    expect(j.reason).toMatch(/too large/);
  });
});

describe('readJsonPath', () => {
  it('reads nested keys and indexes', () => {
    expect(readJsonPath({ a: [{ b: 1 }, { b: null }] }, '$.a[1].b')).toEqual({ exists: true, value: null });
    expect(readJsonPath({ a: [] }, '$.a[0]')).toEqual({ exists: false, value: undefined });
  });
});

describe('judgeProbe: certificate expiry', () => {
  const policy = { warnDays: 14, downDays: 3 };
  const https = { ...spec, certificateExpiry: policy };
  const expiring = (days: number) => result({ at: new Date(0), certExpiresAt: new Date(days * 86400_000 + 60_000) });
  it.each([
    [30, 'up', null],
    [15, 'up', null],
    [14, 'degraded', 'certificate expires in 14 days'],
    [4, 'degraded', 'certificate expires in 4 days'],
    [3, 'down', 'certificate expires in 3 days'],
    [1, 'down', 'certificate expires in 1 day'],
    [-1, 'down', 'certificate expired'],
  ])('%i days left → %s', (days, verdict, reason) => {
    expect(judgeProbe(expiring(days), https)).toMatchObject({ verdict, reason });
  });
  it('is not judged without a policy (plain http, or turned off) and never hides a failed status', () => {
    expect(judgeProbe(expiring(1), spec).verdict).toBe('up');
    expect(judgeProbe(expiring(1), { ...https, certificateExpiry: null }).verdict).toBe('up');
    expect(judgeProbe({ ...expiring(20), statusCode: 500 }, https)).toMatchObject({ errorClass: 'http_status' });
  });
});
