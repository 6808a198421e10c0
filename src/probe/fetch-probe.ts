// The Workers prober: fetch, which gives no phase split (only first byte and total). Probe hygiene learnt from
// UptimeFlare: timeout via AbortSignal, always cancel the body, never let Cloudflare cache a probe.
import type { HttpMonitorSpec } from '../core/monitor.js';
import type { ErrorClass, ProbeResult } from '../core/types.js';
import { truncate } from './classify.js';
import { redactSecrets, resolveHeaders, secretHeaderValues } from './headers.js';
import { DEFAULT_PROBE_OPTIONS, type Probe, type ProbeOptions } from './types.js';

export function createFetchProbe(options: Partial<ProbeOptions> = {}, fetchImpl: typeof fetch = fetch): Probe<HttpMonitorSpec> {
  const opts = { ...DEFAULT_PROBE_OPTIONS, ...options };
  const redact = (spec: HttpMonitorSpec, text: string) => redactSecrets(text, secretHeaderValues(spec, opts.env));
  return Object.assign(async (spec: HttpMonitorSpec): Promise<ProbeResult> => {
    const at = new Date();
    const start = performance.now();
    const since = () => Math.round((performance.now() - start) * 100) / 100;
    const fail = (errorClass: ErrorClass, error: string): ProbeResult => ({
      at, ok: false, statusCode: null, errorClass, error, body: null, bodyTruncated: false, certExpiresAt: null,
      timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, totalMs: since() },
    });
    const { headers, missing } = resolveHeaders(spec, opts);
    if (missing.length) return fail('network', `environment variable ${missing.join(', ')} is not set`);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, spec.timeoutMs);
    try {
      const res = await fetchImpl(spec.url, {
        method: spec.method,
        headers,
        body: spec.body ?? undefined,
        redirect: spec.followRedirects ? 'follow' : 'manual',
        signal: controller.signal,
        // A probe answered from Cloudflare's cache would hide an outage of the origin.
        cache: 'no-store',
      });
      const firstByteMs = since();
      const { body, truncated } = await readCapped(res, spec.method === 'HEAD' ? 0 : opts.maxBodyBytes);
      return {
        at, ok: true, statusCode: res.status, errorClass: null, error: null, body, bodyTruncated: truncated, certExpiresAt: null,
        timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs, totalMs: since() },
      };
    } catch (err) {
      if (timedOut) return fail('timeout', 'no complete response before the timeout');
      return fail(...classifyFetchError(err));
    } finally {
      clearTimeout(timer);
    }
  }, { redact });
}

async function readCapped(res: Response, cap: number): Promise<{ body: string; truncated: boolean }> {
  if (!res.body) return { body: '', truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = cap - size;
    if (value.length > room) {
      if (room > 0) chunks.push(value.subarray(0, room));
      size = cap;
      truncated = true;
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  if (truncated) await reader.cancel().catch(() => undefined);
  const all = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.length;
  }
  return { body: new TextDecoder().decode(all), truncated };
}

/** fetch only gives messages; map the ones runtimes use to stable classes. */
function classifyFetchError(err: unknown): [ErrorClass, string] {
  const msg = String((err as Error)?.message ?? err);
  const cause = String(((err as { cause?: { code?: string } })?.cause?.code) ?? '');
  const text = `${cause} ${msg}`;
  if (/ENOTFOUND|EAI_AGAIN|dns|resolve|name not resolved/i.test(text)) return ['dns', 'DNS lookup failed'];
  if (/ECONNREFUSED|refused/i.test(text)) return ['refused', 'connection refused'];
  // workerd says only this for a refused connection as for one dropped mid-way: don't guess which.
  if (/Network connection lost/i.test(text)) return ['network', 'connection refused or lost before an answer (the Workers runtime does not say which)'];
  if (/ECONNRESET|reset|socket hang up|closed/i.test(text)) return ['reset', 'connection reset by the server'];
  if (/tls|ssl|certificate/i.test(text)) return ['tls', truncate(`TLS error: ${msg}`)];
  return ['network', truncate(msg)];
}
