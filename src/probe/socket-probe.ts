// The Workers TCP prober: the runtime's connect() sockets API, passed in (worker-probe.ts imports it from
// "cloudflare:sockets", which only workerd has). No DNS/connect split: `opened` is the only mark it gives.
import type { TcpMonitorSpec } from '../core/monitor.js';
import type { ErrorClass, ProbeResult } from '../core/types.js';
import { truncate } from './classify.js';
import type { ProbeOptions } from './types.js';

/** The part of the Workers socket API the prober uses. */
interface SocketLike {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  readonly opened: Promise<unknown>;
  readonly closed: Promise<unknown>;
  close(): Promise<void>;
}
export type ConnectFn = (address: { hostname: string; port: number }, options: { secureTransport: 'on' | 'off'; allowHalfOpen: boolean }) => SocketLike;

export async function probeSocket(spec: TcpMonitorSpec, opts: ProbeOptions, connect: ConnectFn): Promise<ProbeResult> {
  const at = new Date();
  const start = performance.now();
  const since = () => Math.round((performance.now() - start) * 100) / 100;
  let connectMs: number | null = null;
  let firstByteMs: number | null = null;
  const result = (errorClass: ErrorClass | null, error: string | null, body: string | null = null): ProbeResult => ({
    at, ok: errorClass === null, statusCode: null, errorClass, error, body, bodyTruncated: false, certExpiresAt: null,
    timings: { dnsMs: null, connectMs, tlsMs: null, firstByteMs, totalMs: since() },
  });
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      resolve('timeout');
    }, spec.timeoutMs);
  });
  let socket: SocketLike | null = null;
  let received = '';
  try {
    socket = connect({ hostname: spec.host, port: spec.port }, { secureTransport: spec.tls ? 'on' : 'off', allowHalfOpen: false });
    // `closed` rejects too when the connection fails; the failure is read from `opened` or the stream.
    socket.closed.catch(() => undefined);
    if ((await Promise.race([socket.opened, deadline])) === 'timeout') return result('connect_timeout', 'connection timed out');
    connectMs = since();
    if (spec.send !== null) {
      const writer = socket.writable.getWriter();
      await writer.write(new TextEncoder().encode(spec.send));
      writer.releaseLock();
    }
    if (spec.expect === null) return result(null, null, '');
    const reader = socket.readable.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'timeout') {
        // Connected and something came back, just not what was expected: the verdict says so (assertion).
        return received ? result(null, null, received) : result('timeout', 'no answer before the timeout');
      }
      if (next.done) return result(null, null, received);
      firstByteMs ??= since();
      received += decoder.decode(next.value, { stream: true });
      if (received.includes(spec.expect) || received.length >= opts.maxBodyBytes) return result(null, null, received);
    }
  } catch (err) {
    if (timedOut) return result('timeout', 'no answer before the timeout');
    return result(...classifySocketError(err, connectMs !== null));
  } finally {
    clearTimeout(timer);
    socket?.close().catch(() => undefined);
  }
}

/** workerd gives messages only; map the ones it uses. */
function classifySocketError(err: unknown, connected: boolean): [ErrorClass, string] {
  const msg = String((err as Error)?.message ?? err);
  if (/refused/i.test(msg)) return ['refused', 'connection refused'];
  if (/dns|resolve|not found|lookup/i.test(msg)) return ['dns', 'DNS lookup failed'];
  if (/tls|ssl|certificate/i.test(msg)) return ['tls', truncate(`TLS error: ${msg}`)];
  // workerd says "Network connection lost" (and miniflare "cannot connect to the specified address") for a refused
  // connection, and the former for one dropped mid-way too; only whether the socket had opened tells them apart.
  if (!connected) return ['refused', 'connection refused (or the host is unreachable)'];
  if (/reset|closed|lost/i.test(msg)) return ['reset', 'connection reset by the server'];
  return ['network', truncate(msg)];
}
