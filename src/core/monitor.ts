/** A check to run on a body: what the response must (or must not) contain. */
export type Assertion =
  | { type: 'bodyContains'; value: string }
  | { type: 'bodyNotContains'; value: string }
  | { type: 'jsonPathEquals'; path: string; value: string | number | boolean | null };

/** A header value: literal text, or the name of an environment variable resolved only by the prober. */
type HeaderValue = string | { env: string };

/** The request methods a monitor may use. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The kinds of monitor; `http` when a config entry names none. */
export const MONITOR_TYPES = ['http', 'tcp', 'dns', 'heartbeat'] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

/** The DNS record types a dns monitor may ask for. */
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;
type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/** Days before a certificate's expiry at which its monitor turns degraded, then down. */
export interface CertificateExpiryPolicy {
  warnDays: number;
  downDays: number;
}

/** What every monitor has, whatever it probes. */
interface MonitorBase {
  id: string;
  name: string;
  component: string;
  group: string | null;
  timeoutMs: number;
  intervalSeconds: number;
  degradedAboveMs: number | null;
  failuresBeforeDown: number;
  successesBeforeUp: number;
  retryDelayMs: number;
  /**
   * Where the monitor is probed from and how many of those must confirm down (core/quorum.ts). Absent on an install
   * without locations: the scheduler's own process probes it, as always.
   */
  locations?: string[];
  quorum?: number;
}

/** An HTTP(S) request and what its answer must be. */
export interface HttpMonitorSpec extends MonitorBase {
  type: 'http';
  url: string;
  method: (typeof HTTP_METHODS)[number];
  headers: Record<string, HeaderValue>;
  body: string | null;
  expectedStatus: number[];
  assertions: Assertion[];
  followRedirects: boolean;
  /** null: the certificate's expiry is recorded but never judged. Only https URLs have one. */
  certificateExpiry: CertificateExpiryPolicy | null;
}

/** A TCP connection (optionally TLS): it must open, and the answer to `send` (or the banner) must contain `expect`. */
export interface TcpMonitorSpec extends MonitorBase {
  type: 'tcp';
  host: string;
  port: number;
  send: string | null;
  expect: string | null;
  tls: boolean;
  /** Judged only when `tls` is on. */
  certificateExpiry: CertificateExpiryPolicy | null;
}

/** A DNS question and the answer it must get. */
export interface DnsMonitorSpec extends MonitorBase {
  type: 'dns';
  dns: {
    name: string;
    recordType: DnsRecordType;
    /** A DNS server ("192.0.2.53" or "192.0.2.53:5353") or a DNS-over-HTTPS URL; the prober's default when null. */
    resolver: string | null;
    /** `contains`: one answer is this value; `equals`: the answers are exactly these (in any order). */
    expect: { contains: string | null; equals: string[] | null };
  };
}

/**
 * A job that calls Lookout (a "push" monitor): down when no beat arrives within period + grace, or when the
 * latest beat reports failure. Only the token's hash is kept (set from the environment at start, see
 * config/heartbeat-token.ts); the token itself never reaches the database or any output.
 */
export interface HeartbeatMonitorSpec extends MonitorBase {
  type: 'heartbeat';
  periodSeconds: number;
  graceSeconds: number;
  token: { env: string };
  /** SHA-256 (hex) of the token; null until resolved from the environment. */
  tokenHash: string | null;
}

/** The latest beat of a heartbeat monitor, as recorded by the beat route. */
export interface HeartbeatBeat {
  at: Date;
  failed: boolean;
}

/**
 * One monitor as the rest of Lookout sees it, after config validation and defaults. A spec stored before monitor
 * types existed has no `type`: code that switches on it treats that as HTTP (the config's default), and the next
 * config sync rewrites it.
 */
export type MonitorSpec = HttpMonitorSpec | TcpMonitorSpec | DnsMonitorSpec | HeartbeatMonitorSpec;

