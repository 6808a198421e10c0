// The Node prober: one function for every monitor type, each type in its own module.
import { probeDnsNode } from './dns-probe.js';
import { probeTcp } from './tcp-probe.js';
import { DEFAULT_PROBE_OPTIONS, type Probe, type ProbedSpec, type ProbeOptions } from './types.js';
import { createUndiciProbe } from './undici-probe.js';

export function createNodeProbe(options: Partial<ProbeOptions> = {}): Probe {
  const opts = { ...DEFAULT_PROBE_OPTIONS, ...options };
  const http = createUndiciProbe(opts);
  return Object.assign(
    (spec: ProbedSpec) => (spec.type === 'tcp' ? probeTcp(spec, opts) : spec.type === 'dns' ? probeDnsNode(spec, opts) : http(spec)),
    { redact: (spec: ProbedSpec, text: string) => (spec.type === 'tcp' || spec.type === 'dns' ? text : http.redact!(spec, text)) },
  );
}
