import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUndiciProbe } from '../../src/probe/undici-probe.js';
import { spec } from '../helpers/specs.js';

let dir: string;
let cert: string;
let https: Server;
let httpsUrl: string;

beforeAll(async () => {
  // A self-signed certificate for 127.0.0.1, valid 30 days, made with the system's openssl.
  dir = mkdtempSync(join(tmpdir(), 'lookout-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  https = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (_req, res) => res.end('secure'));
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
  httpsUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}/`;
});
afterAll(() => {
  https.closeAllConnections();
  https.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS', () => {
  it('reports an untrusted certificate as a tls failure', async () => {
    const r = await createUndiciProbe()(spec({ url: httpsUrl }));
    expect(r).toMatchObject({ ok: false, errorClass: 'tls' });
  });
  it('times the TLS handshake and reads the certificate expiry when trusted', async () => {
    const r = await createUndiciProbe({ ca: cert })(spec({ url: httpsUrl }));
    expect(r).toMatchObject({ ok: true, statusCode: 200, body: 'secure' });
    expect(r.timings.tlsMs).not.toBeNull();
    const days = (r.certExpiresAt!.getTime() - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
  });
});

describe('connection reset', () => {
  it('reports a server that drops the connection as reset', async () => {
    const tcp = createTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    try {
      const r = await createUndiciProbe()(spec({ url: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}/` }));
      expect(r).toMatchObject({ ok: false, errorClass: 'reset' });
    } finally {
      tcp.close();
    }
  });
  it('reports garbage instead of HTTP as an invalid response', async () => {
    const tcp = createTcpServer((socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.2\r\n')));
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    try {
      const r = await createUndiciProbe()(spec({ url: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}/` }));
      expect(r).toMatchObject({ ok: false, errorClass: 'invalid_response' });
    } finally {
      tcp.close();
    }
  });
});
