// DNS over HTTPS (RFC 8484), the Workers DNS prober (Workers cannot send UDP) and Node's for a resolver given as a
// URL: the question as a DNS wire message in `?dns=` (GET, base64url), the answer a wire message back.
import { Buffer } from 'node:buffer';
import { decode, encode, RECURSION_DESIRED, type Answer } from 'dns-packet';
import type { DnsMonitorSpec } from '../core/monitor.js';
import type { ProbeResult } from '../core/types.js';
import { truncate } from './classify.js';
import { startDnsProbe } from './dns-result.js';

export async function probeDoh(spec: DnsMonitorSpec, resolver: string, userAgent: string, fetchImpl: typeof fetch = fetch): Promise<ProbeResult> {
  const done = startDnsProbe();
  // id 0, as RFC 8484 asks, so that identical questions are cacheable by HTTP caches.
  const query = encode({ type: 'query', id: 0, flags: RECURSION_DESIRED, questions: [{ type: spec.dns.recordType, name: spec.dns.name.replace(/\.$/, '') }] });
  const url = new URL(resolver);
  url.searchParams.set('dns', query.toString('base64url'));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), spec.timeoutMs);
  try {
    const res = await fetchImpl(url, { headers: { accept: 'application/dns-message', 'user-agent': userAgent }, signal: controller.signal });
    if (res.status !== 200) {
      await res.body?.cancel();
      return done('dns', `DNS-over-HTTPS resolver answered HTTP ${res.status}`);
    }
    const packet = decode(Buffer.from(await res.arrayBuffer())) as ReturnType<typeof decode> & { rcode?: string };
    const rcode = packet.rcode ?? 'NOERROR';
    if (rcode === 'NXDOMAIN') return done('nxdomain', `${spec.dns.name} does not exist (NXDOMAIN)`);
    if (rcode === 'SERVFAIL') return done('servfail', `the resolver failed to answer for ${spec.dns.name} (SERVFAIL)`);
    if (rcode !== 'NOERROR') return done('dns', `the resolver answered ${rcode}`);
    return done(null, null, (packet.answers ?? []).filter((a) => a.type === spec.dns.recordType).map(answerText));
  } catch (err) {
    if (controller.signal.aborted) return done('timeout', 'no DNS answer before the timeout');
    return done('dns', truncate(`DNS-over-HTTPS request failed: ${(err as Error).message ?? String(err)}`));
  } finally {
    clearTimeout(timer);
  }
}

/** An answer as text, the same form Node's resolver gives (see dns-probe.ts). */
function answerText(a: Answer): string {
  switch (a.type) {
    case 'MX':
      return `${a.data.preference} ${a.data.exchange}`;
    case 'TXT': {
      const parts = Array.isArray(a.data) ? a.data : [a.data];
      return parts.map((p) => (typeof p === 'string' ? p : p.toString('utf8'))).join('');
    }
    default:
      return String((a as { data: unknown }).data);
  }
}
