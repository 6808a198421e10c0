import type { MonitorSpec } from '../core/monitor.js';
import type { ProbeResult } from '../core/types.js';

/**
 * Runs one check of one monitor. Never throws: every failure is described in the result. `redact` removes the
 * monitor's secret header values from a text about its result (a failure reason) before anything stores or shows
 * it: only the prober knows them.
 */
export type Probe = ((spec: MonitorSpec) => Promise<ProbeResult>) & { redact?: (spec: MonitorSpec, text: string) => string };

export interface ProbeOptions {
  /** Largest body read for assertions; the rest is discarded and the connection closed. */
  maxBodyBytes: number;
  /** Resolves `{ "env": "NAME" }` header values; secrets never leave the prober. */
  env: (name: string) => string | undefined;
  userAgent: string;
  /** Extra trusted CA certificates (PEM), e.g. for a private CA; Node only. */
  ca?: string;
}

export const DEFAULT_PROBE_OPTIONS: ProbeOptions = {
  maxBodyBytes: 256 * 1024,
  env: () => undefined,
  userAgent: 'Lookout/0.1 (uptime monitor; +https://github.com/lookout)',
};

export const MAX_REDIRECTS = 5;
