// The Node TCP prober: net / tls, a fresh connection per check. Phases: DNS (lookup), connect, TLS; the answer to
// `send` (or the server's banner) is read until it contains `expect`, the server closes, the cap or the timeout.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import type { TcpMonitorSpec } from '../core/monitor.js';
import type { ErrorClass, ProbeResult } from '../core/types.js';
import { classifyNodeError } from './classify.js';
import type { ProbeOptions } from './types.js';

export function probeTcp(spec: TcpMonitorSpec, opts: ProbeOptions): Promise<ProbeResult> {
  const at = new Date();
  const start = performance.now();
  const r = (x: number | undefined, from = start) => (x === undefined ? null : Math.round((x - from) * 100) / 100);
  const marks: { lookup?: number; connect?: number; secure?: number; firstByte?: number } = {};
  let certExpiresAt: Date | null = null;
  const chunks: Buffer[] = [];
  let size = 0;

  return new Promise<ProbeResult>((resolve) => {
    let settled = false;
    const socket: Socket | TLSSocket = spec.tls
      ? connectTls({ host: spec.host, port: spec.port, servername: isIp(spec.host) ? undefined : spec.host, ...(opts.ca ? { ca: opts.ca } : {}) })
      : connectTcp({ host: spec.host, port: spec.port });
    const finish = (errorClass: ErrorClass | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.on('error', () => undefined);
      socket.destroy();
      const timings = {
        dnsMs: r(marks.lookup),
        connectMs: r(marks.connect, marks.lookup ?? start),
        tlsMs: marks.secure !== undefined && marks.connect !== undefined ? r(marks.secure, marks.connect) : null,
        firstByteMs: r(marks.firstByte),
        totalMs: r(performance.now())!,
      };
      const body = Buffer.concat(chunks).toString('utf8');
      resolve({ at, ok: errorClass === null, statusCode: null, timings, errorClass, error, body: errorClass ? null : body, bodyTruncated: size >= opts.maxBodyBytes, certExpiresAt });
    };
    const ready = () => {
      if (spec.send !== null) socket.write(spec.send);
      if (spec.expect === null) finish(null, null);
    };
    const timer = setTimeout(() => {
      if (marks.connect === undefined || (spec.tls && marks.secure === undefined)) return finish('connect_timeout', 'connection timed out');
      // Connected and something came back, just not what was expected: the verdict says so (assertion).
      if (size > 0) return finish(null, null);
      finish('timeout', 'no answer before the timeout');
    }, spec.timeoutMs);
    socket.once('lookup', () => (marks.lookup ??= performance.now()));
    socket.once('connect', () => {
      marks.connect ??= performance.now();
      if (!spec.tls) ready();
    });
    socket.once('secureConnect', () => {
      marks.secure ??= performance.now();
      const cert = (socket as TLSSocket).getPeerCertificate();
      if (cert?.valid_to) certExpiresAt = new Date(cert.valid_to);
      ready();
    });
    socket.on('data', (chunk: Buffer) => {
      marks.firstByte ??= performance.now();
      const room = opts.maxBodyBytes - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (size >= opts.maxBodyBytes || Buffer.concat(chunks).toString('utf8').includes(spec.expect ?? '')) finish(null, null);
    });
    // The server closed: what it sent is the answer (the verdict checks `expect` against it).
    socket.once('end', () => finish(null, null));
    socket.once('error', (err) => {
      const c = classifyNodeError(err, false);
      finish(c.errorClass, c.error);
    });
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
