// The Workers prober: fetch for HTTP, the connect() sockets API for TCP, DNS over HTTPS for DNS (Workers cannot
// send UDP). Only the Worker imports this file: "cloudflare:sockets" exists in workerd alone.
import { connect } from 'cloudflare:sockets';
import { probeDoh } from './doh.js';
import { createFetchProbe } from './fetch-probe.js';
import { probeSocket, type ConnectFn } from './socket-probe.js';
import { DEFAULT_PROBE_OPTIONS, type Probe, type ProbedSpec, type ProbeOptions } from './types.js';

export function createWorkerProbe(options: Partial<ProbeOptions> = {}): Probe {
  const opts = { ...DEFAULT_PROBE_OPTIONS, ...options };
  const http = createFetchProbe(opts);
  const probe = (spec: ProbedSpec) => {
    if (spec.type === 'tcp') return probeSocket(spec, opts, connect as unknown as ConnectFn);
    // A plain DNS server cannot be asked from a Worker: its monitors use the configured DoH resolver.
    if (spec.type === 'dns') return probeDoh(spec, spec.dns.resolver?.startsWith('http') ? spec.dns.resolver : opts.dohResolver, opts.userAgent);
    return http(spec);
  };
  return Object.assign(probe, { redact: (spec: ProbedSpec, text: string) => (spec.type === 'tcp' || spec.type === 'dns' ? text : http.redact!(spec, text)) });
}
