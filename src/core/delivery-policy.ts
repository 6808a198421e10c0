/**
 * Retry delays, in seconds, before each attempt: Standard Webhooks' suggested schedule — immediately, 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (ten attempts over about three days).
 */
export const STANDARD_WEBHOOKS_SCHEDULE_S = [0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400] as const;

/** Longest Retry-After we honour; a receiver asking for more gets this. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/** What one attempt produced: an HTTP status, or null when no response came (network error, timeout). */
export interface AttemptResult {
  status: number | null;
  retryAfterMs: number | null;
}

/** A delivery's state (alert_deliveries.state): queued or retrying, delivered, given up, endpoint disabled. */
export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'disabled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface DeliveryDecision {
  state: DeliveryState;
  nextAttemptAt: Date | null;
  /** 410 Gone: the receiver asks never to be called again. */
  disableEndpoint: boolean;
}

/**
 * What happens after attempt number `attemptsMade` (1-based) of a delivery:
 *
 * | response                          | becomes    | next attempt                                          |
 * |-----------------------------------|------------|-------------------------------------------------------|
 * | 2xx                               | delivered  | —                                                     |
 * | 410                               | disabled   | — (and the endpoint is disabled)                      |
 * | other 3xx/4xx, not 408/429        | failed     | — (retrying cannot help)                              |
 * | none, 408, 429, 5xx               | pending    | schedule[attemptsMade] later; Retry-After instead on 429/502/503/504 |
 * | …with the schedule exhausted      | failed     | —                                                     |
 */
export function decideAfterAttempt(attemptsMade: number, result: AttemptResult, now: Date, scheduleS: readonly number[]): DeliveryDecision {
  const s = result.status;
  if (s !== null && s >= 200 && s < 300) return { state: 'delivered', nextAttemptAt: null, disableEndpoint: false };
  if (s === 410) return { state: 'disabled', nextAttemptAt: null, disableEndpoint: true };
  const retryable = s === null || s === 408 || s === 429 || s >= 500;
  if (!retryable || attemptsMade >= scheduleS.length) return { state: 'failed', nextAttemptAt: null, disableEndpoint: false };
  const honoursRetryAfter = s === 429 || s === 502 || s === 503 || s === 504;
  const delayMs = honoursRetryAfter && result.retryAfterMs !== null ? Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS) : scheduleS[attemptsMade]! * 1000;
  return { state: 'pending', nextAttemptAt: new Date(now.getTime() + delayMs), disableEndpoint: false };
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
