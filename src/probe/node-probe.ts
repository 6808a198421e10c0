// The Node prober: one function for every monitor type, each type in its own module.
import type { MonitorSpec } from '../core/monitor.js';
import { probeDnsNode } from './dns-probe.js';
import { probeTcp } from './tcp-probe.js';
import { DEFAULT_PROBE_OPTIONS, type Probe, type ProbeOptions } from './types.js';
import { createUndiciProbe } from './undici-probe.js';

export function createNodeProbe(options: Partial<ProbeOptions> = {}): Probe {
  const opts = { ...DEFAULT_PROBE_OPTIONS, ...options };
  const http = createUndiciProbe(opts);
  return Object.assign(
    (spec: MonitorSpec) => (spec.type === 'tcp' ? probeTcp(spec, opts) : spec.type === 'dns' ? probeDnsNode(spec, opts) : http(spec)),
    { redact: (spec: MonitorSpec, text: string) => (spec.type === 'tcp' || spec.type === 'dns' ? text : http.redact!(spec, text)) },
  );
}
