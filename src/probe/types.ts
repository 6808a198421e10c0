import type { MonitorSpec } from '../core/monitor.js';
import type { ProbeResult } from '../core/types.js';

/**
 * Runs one check of one monitor. Never throws: every failure is described in the result. `redact` removes the
 * monitor's secret header values from a text about its result (a failure reason) before anything stores or shows
 * it: only the prober knows them.
 */
/** The monitors a prober runs: every type but heartbeats, which the tick judges from their beats. */
export type ProbedSpec = Exclude<MonitorSpec, { type: 'heartbeat' }>;

export type Probe<S extends ProbedSpec = ProbedSpec> = ((spec: S) => Promise<ProbeResult>) & { redact?: (spec: S, text: string) => string };

export interface ProbeOptions {
  /** Largest body read for assertions; the rest is discarded and the connection closed. */
  maxBodyBytes: number;
  /** Resolves `{ "env": "NAME" }` header values; secrets never leave the prober. */
  env: (name: string) => string | undefined;
  userAgent: string;
  /** Extra trusted CA certificates (PEM), e.g. for a private CA; Node only. */
  ca?: string;
  /** The DNS-over-HTTPS resolver of a dns monitor that names none (Workers: also of one that names a plain server). */
  dohResolver: string;
  /** The location probing: sent as `x-lookout-location` with every HTTP probe, so a target can tell who asks. */
  location?: string;
}

export const DEFAULT_PROBE_OPTIONS: ProbeOptions = {
  maxBodyBytes: 256 * 1024,
  env: () => undefined,
  userAgent: 'Lookout/0.1 (uptime monitor; +https://github.com/lookout)',
  dohResolver: 'https://cloudflare-dns.com/dns-query',
};

export const MAX_REDIRECTS = 5;
