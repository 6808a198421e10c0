// The Node prober: undici with per-phase timings. A fresh connection per check, on purpose: a kept-alive
// socket would hide exactly the DNS, connect and TLS failures an outage monitor exists to see. Each check gets its
// own Client, closed once the answer is read; the connector (how sockets are opened) is shared by the checks with
// the same timeout, with TLS session resumption off so every check still makes a full handshake.
import type { TLSSocket } from 'node:tls';
import { buildConnector, Client } from 'undici';
import type { HttpMonitorSpec } from '../core/monitor.js';
import type { PhaseTimings, ProbeResult } from '../core/types.js';
import { classifyNodeError } from './classify.js';
import { redactSecrets, resolveHeaders, secretHeaderValues } from './headers.js';
import { DEFAULT_PROBE_OPTIONS, MAX_REDIRECTS, type Probe, type ProbeOptions } from './types.js';

interface Marks {
  start: number;
  lookup?: number;
  connect?: number;
  secure?: number;
  firstByte?: number;
  certExpiresAt: Date | null;
}

type Connector = ReturnType<typeof buildConnector>;

/**
 * What each check's Client is destroyed with once its answer is read: one shared error, so closing a connection
 * neither builds an error nor formats its stack (undici makes one per close otherwise, and Node reads its stack).
 */
const CHECK_DONE = new Error('check finished');

export function createUndiciProbe(options: Partial<ProbeOptions> = {}): Probe<HttpMonitorSpec> {
  const opts = { ...DEFAULT_PROBE_OPTIONS, ...options };
  // One connector per timeout: building one per check cost a session cache and a FinalizationRegistry each.
  const connectors = new Map<number, Connector>();
  const connectorFor = (timeoutMs: number): Connector => {
    let c = connectors.get(timeoutMs);
    if (!c) {
      c = buildConnector({ timeout: timeoutMs, rejectUnauthorized: true, maxCachedSessions: 0, ...(opts.ca ? { ca: opts.ca } : {}) });
      connectors.set(timeoutMs, c);
    }
    return c;
  };
  return Object.assign((spec: HttpMonitorSpec) => probeHttp(spec, opts, connectorFor(spec.timeoutMs)), {
    redact: (spec: HttpMonitorSpec, text: string) => redactSecrets(text, secretHeaderValues(spec, opts.env)),
  });
}

async function probeHttp(spec: HttpMonitorSpec, opts: ProbeOptions, connector: Connector): Promise<ProbeResult> {
  const at = new Date();
  const marks: Marks = { start: performance.now(), certExpiresAt: null };
  const { headers, missing } = resolveHeaders(spec, opts);
  if (missing.length) {
    return failure(at, marks, 'network', `environment variable ${missing.join(', ')} is not set`);
  }
  // The whole check (every redirect hop, the body too) gets spec.timeoutMs. On expiry the current client is
  // destroyed, which fails whatever it is doing; cheaper per probe than an AbortSignal on each request.
  const inFlight: { client: Client | null } = { client: null };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    inFlight.client?.destroy().catch(() => undefined);
  }, spec.timeoutMs);
  let url = new URL(spec.url);
  try {
    for (let hop = 0; ; hop++) {
      if (timedOut) throw new Error('timed out between redirect hops');
      const res = await requestOnce(url, spec, headers, marks, inFlight, opts, connector);
      const location = res.location;
      if (spec.followRedirects && location && res.statusCode >= 300 && res.statusCode < 400) {
        if (hop >= MAX_REDIRECTS) return failure(at, marks, 'redirect', `more than ${MAX_REDIRECTS} redirects`);
        url = new URL(location, url);
        continue;
      }
      return {
        at,
        ok: true,
        statusCode: res.statusCode,
        timings: timingsOf(marks),
        errorClass: null,
        error: null,
        body: res.body,
        bodyTruncated: res.truncated,
        certExpiresAt: marks.certExpiresAt,
      };
    }
  } catch (err) {
    const { errorClass, error } = classifyNodeError(err, timedOut);
    return failure(at, marks, errorClass, error);
  } finally {
    clearTimeout(timer);
  }
}

async function requestOnce(
  url: URL,
  spec: HttpMonitorSpec,
  headers: Record<string, string>,
  marks: Marks,
  inFlight: { client: Client | null },
  opts: ProbeOptions,
  connector: Connector,
): Promise<{ statusCode: number; location: string | null; body: string; truncated: boolean }> {
  const client = new Client(url.origin, {
    connect: (connectOpts, callback) => {
      const socket = connector(connectOpts, callback);
      watchSocket(socket, marks);
      return socket;
    },
    headersTimeout: spec.timeoutMs,
    bodyTimeout: spec.timeoutMs,
  });
  inFlight.client = client;
  try {
    const res = await client.request({
      path: url.pathname + url.search,
      method: spec.method,
      headers,
      body: spec.body ?? undefined,
    });
    marks.firstByte ??= performance.now();
    const { body, truncated } = await readCapped(res.body, spec.method === 'HEAD' ? 0 : opts.maxBodyBytes);
    const location = res.headers['location'];
    return { statusCode: res.statusCode, location: typeof location === 'string' ? location : null, body, truncated };
  } finally {
    client.destroy(CHECK_DONE).catch(() => undefined);
  }
}

/** Phase marks from the socket's own events; no 'lookup' is emitted for an IP literal. */
function watchSocket(socket: unknown, marks: Marks): void {
  if (!socket || marks.connect !== undefined) return; // a redirect hop keeps the first connection's phases
  const s = socket as TLSSocket;
  s.once('lookup', () => (marks.lookup ??= performance.now()));
  s.once('connect', () => (marks.connect ??= performance.now()));
  s.once('secureConnect', () => {
    marks.secure ??= performance.now();
    const cert = s.getPeerCertificate();
    if (cert?.valid_to) marks.certExpiresAt = new Date(cert.valid_to);
  });
}

/**
 * Read at most `cap` bytes, then stop: an endless or huge body can never hold the prober. Plain 'data' events,
 * not `for await`: the async iterator costs a promise per chunk, measurable at thousands of probes a second.
 */
function readCapped(stream: NodeJS.ReadableStream & { destroy(): void }, cap: number): Promise<{ body: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (truncated: boolean) => {
      stream.removeListener('data', onData);
      resolve({ body: Buffer.concat(chunks).toString('utf8'), truncated });
    };
    const onData = (chunk: Buffer) => {
      const room = cap - size;
      if (chunk.length <= room) {
        chunks.push(chunk);
        size += chunk.length;
        return;
      }
      if (room > 0) chunks.push(chunk.subarray(0, room));
      size = cap;
      stream.removeListener('error', reject);
      stream.on('error', () => undefined); // destroying may emit an abort error nobody needs
      stream.destroy();
      done(true);
    };
    stream.on('data', onData);
    stream.once('end', () => done(false));
    stream.once('error', reject);
  });
}

function timingsOf(m: Marks): PhaseTimings {
  const end = performance.now();
  const r = (x: number) => Math.round(x * 100) / 100;
  const dns = m.lookup !== undefined ? m.lookup - m.start : null;
  return {
    dnsMs: dns !== null ? r(dns) : null,
    connectMs: m.connect !== undefined ? r(m.connect - (m.lookup ?? m.start)) : null,
    tlsMs: m.secure !== undefined && m.connect !== undefined ? r(m.secure - m.connect) : null,
    firstByteMs: m.firstByte !== undefined ? r(m.firstByte - m.start) : null,
    totalMs: r(end - m.start),
  };
}

function failure(at: Date, marks: Marks, errorClass: ProbeResult['errorClass'], error: string): ProbeResult {
  return { at, ok: false, statusCode: null, timings: timingsOf(marks), errorClass, error, body: null, bodyTruncated: false, certExpiresAt: marks.certExpiresAt };
}
