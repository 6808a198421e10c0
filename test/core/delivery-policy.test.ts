import { describe, expect, it } from 'vitest';
import { decideAfterAttempt, parseRetryAfter, STANDARD_WEBHOOKS_SCHEDULE_S } from '../../src/core/delivery-policy.js';

const now = new Date('2026-03-10T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('delivery policy', () => {
  it.each<[string, number, number | null, number | null, string, string | null, boolean]>([
    ['200 delivered', 1, 200, null, 'delivered', null, false],
    ['204 delivered', 3, 204, null, 'delivered', null, false],
    ['410 disables the endpoint', 1, 410, null, 'disabled', null, true],
    ['400 is not retried', 1, 400, null, 'failed', null, false],
    ['404 is not retried', 1, 404, null, 'failed', null, false],
    ['301 is not retried', 1, 301, null, 'failed', null, false],
    ['408 is retried on schedule', 1, 408, null, 'pending', later(5_000), false],
    ['500 after attempt 1: 5 s', 1, 500, null, 'pending', later(5_000), false],
    ['500 after attempt 2: 5 min', 2, 500, null, 'pending', later(300_000), false],
    ['network error: retried', 3, null, null, 'pending', later(1_800_000), false],
    ['503 with Retry-After 120 s: honoured', 1, 503, 120_000, 'pending', later(120_000), false],
    ['429 with Retry-After: honoured', 4, 429, 7_000, 'pending', later(7_000), false],
    ['500 ignores Retry-After', 1, 500, 120_000, 'pending', later(5_000), false],
    ['Retry-After is capped at 24 h', 1, 503, 10 * 86400_000, 'pending', later(86400_000), false],
    ['schedule exhausted: failed', 10, 503, null, 'failed', null, false],
  ])('%s', (_n, attempts, status, retryAfterMs, state, next, disable) => {
    const d = decideAfterAttempt(attempts, { status, retryAfterMs }, now, STANDARD_WEBHOOKS_SCHEDULE_S);
    expect({ state: d.state, next: d.nextAttemptAt?.toISOString() ?? null, disable: d.disableEndpoint }).toEqual({ state, next, disable });
  });

  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Tue, 10 Mar 2026 12:01:00 GMT', 60_000],
    ['soon', null],
    [null, null],
  ])('parses Retry-After %s', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
