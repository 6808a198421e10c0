// The Node DNS prober: a dns.Resolver of its own, pointed at the monitor's server (the system's when none is
// named), so a monitor sees what that server answers, not the host's cache. A resolver given as a URL is asked
// over HTTPS (doh.ts), as on Workers.
import { Resolver } from 'node:dns/promises';
import type { DnsMonitorSpec } from '../core/monitor.js';
import type { ProbeResult } from '../core/types.js';
import { probeDoh } from './doh.js';
import { startDnsProbe } from './dns-result.js';
import type { ProbeOptions } from './types.js';

export async function probeDnsNode(spec: DnsMonitorSpec, opts: ProbeOptions): Promise<ProbeResult> {
  const { resolver } = spec.dns;
  if (resolver && /^https?:/.test(resolver)) return probeDoh(spec, resolver, opts.userAgent);
  const done = startDnsProbe();
  // One try, c-ares' own timeout as a backstop; our timer cancels the query at the monitor's timeout.
  const r = new Resolver({ timeout: spec.timeoutMs, tries: 1 });
  if (resolver) r.setServers([resolver]);
  const timer = setTimeout(() => r.cancel(), spec.timeoutMs);
  try {
    return done(null, null, await resolve(r, spec.dns.name, spec.dns.recordType));
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'ENODATA') return done(null, null, []); // the name exists, with no record of this type
    if (code === 'ENOTFOUND') return done('nxdomain', `${spec.dns.name} does not exist (NXDOMAIN)`);
    if (code === 'ESERVFAIL') return done('servfail', `the resolver failed to answer for ${spec.dns.name} (SERVFAIL)`);
    if (code === 'ETIMEOUT' || code === 'ECANCELLED') return done('timeout', 'no DNS answer before the timeout');
    if (code === 'EREFUSED') return done('dns', 'the resolver refused the query (REFUSED)');
    return done('dns', `DNS query failed (${code || (err as Error).message})`);
  } finally {
    clearTimeout(timer);
  }
}

async function resolve(r: Resolver, name: string, type: DnsMonitorSpec['dns']['recordType']): Promise<string[]> {
  switch (type) {
    case 'A':
      return r.resolve4(name);
    case 'AAAA':
      return r.resolve6(name);
    case 'CNAME':
      return r.resolveCname(name);
    case 'NS':
      return r.resolveNs(name);
    case 'MX':
      return (await r.resolveMx(name)).map((m) => `${m.priority} ${m.exchange}`);
    case 'TXT':
      return (await r.resolveTxt(name)).map((parts) => parts.join(''));
  }
}
