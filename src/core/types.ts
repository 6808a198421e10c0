export type { Status, Verdict } from './statuses.js';

/**
 * A stable name for every way a probe can fail. Stored with each check, so it must never be renamed:
 * dashboards, alerts and the API key on it.
 */
export const ERROR_CLASSES = [
  'dns',
  'refused',
  'reset',
  'connect_timeout',
  'tls',
  'timeout',
  'http_status',
  'assertion',
  'body_too_large',
  'redirect',
  'invalid_response',
  'network',
  'nxdomain',
  'servfail',
  'certificate_expiry',
  'heartbeat_missed',
  'heartbeat_failed',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** Time spent in each phase of one probe (HTTP, TCP; DNS has only a total), in milliseconds; null where the runtime cannot tell. */
export interface PhaseTimings {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  totalMs: number;
}

/** What a probe observed. A probe never throws: failures are data here. */
export interface ProbeResult {
  at: Date;
  ok: boolean;
  statusCode: number | null;
  timings: PhaseTimings;
  errorClass: ErrorClass | null;
  error: string | null;
  /** The body as read (up to the cap), or a TCP answer, for assertions; not stored. */
  body: string | null;
  bodyTruncated: boolean;
  certExpiresAt: Date | null;
  /** dns: the answers, as text (an MX answer is "10 mail.example.com", a TXT one its strings joined). */
  answers?: string[];
}
