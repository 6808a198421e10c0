// The Node TCP prober against real local TCP (and TLS) servers.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeProbe } from '../../src/core/verdict.js';
import { createNodeProbe } from '../../src/probe/node-probe.js';
import { closedPort } from '../helpers/servers.js';
import { makeLeafCert, makeTestCa, type TestCa } from '../helpers/certs.js';
import { tcpSpec } from '../helpers/specs.js';

const servers: Server[] = [];
async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}
const sockets: Socket[] = [];
const keep = (s: Socket) => (sockets.push(s), s);
afterAll(() => {
  for (const s of sockets) s.destroy();
  for (const s of servers) s.close();
});

const probe = createNodeProbe();
let banner: number;
let echo: number;
let silent: number;

beforeAll(async () => {
  // An SMTP-like server: a banner first, then an answer to PING.
  banner = await listen(createServer((s) => {
    keep(s).write('220 mail.test ESMTP ready\r\n');
    s.on('data', (d) => (d.toString().startsWith('PING') ? s.write('+PONG\r\n') : undefined));
  }));
  echo = await listen(createServer((s) => keep(s).on('data', (d) => s.write(d))));
  silent = await listen(createServer((s) => void keep(s)));
});

describe('tcp probe on Node', () => {
  it('is up when the port is open (no expectation)', async () => {
    const s = tcpSpec({ host: '127.0.0.1', port: silent });
    const r = await probe(s);
    expect(r).toMatchObject({ ok: true, errorClass: null, statusCode: null });
    expect(r.timings.connectMs).not.toBeNull();
    expect(judgeProbe(r, s)).toMatchObject({ verdict: 'up' });
  });

  it('reports a closed port as refused', async () => {
    const s = tcpSpec({ host: '127.0.0.1', port: await closedPort() });
    expect(judgeProbe(await probe(s), s)).toMatchObject({ verdict: 'down', errorClass: 'refused', reason: 'connection refused' });
  });

  it('times out on a server that never answers what it is asked', async () => {
    const s = tcpSpec({ host: '127.0.0.1', port: silent, send: 'PING\r\n', expect: '+PONG', timeoutMs: 300 });
    const r = await probe(s);
    expect(r).toMatchObject({ ok: false, errorClass: 'timeout' });
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(250);
  });

  it('matches a banner, and an answer to what it sends', async () => {
    const b = tcpSpec({ host: '127.0.0.1', port: banner, expect: '220 ' });
    expect(judgeProbe(await probe(b), b)).toMatchObject({ verdict: 'up' });
    const ping = tcpSpec({ host: '127.0.0.1', port: banner, send: 'PING\r\n', expect: '+PONG' });
    expect(judgeProbe(await probe(ping), ping)).toMatchObject({ verdict: 'up' });
    const e = tcpSpec({ host: '127.0.0.1', port: echo, send: 'hello', expect: 'hello' });
    expect(judgeProbe(await probe(e), e)).toMatchObject({ verdict: 'up' });
  });

  it('is down (assertion) when the banner does not match, without quoting it', async () => {
    const s = tcpSpec({ host: '127.0.0.1', port: banner, expect: 'SSH-2.0', timeoutMs: 300 });
    const j = judgeProbe(await probe(s), s);
    expect(j).toEqual({ verdict: 'down', errorClass: 'assertion', reason: 'answer does not contain "SSH-2.0"' });
  });

  it('reports a server that resets the connection as reset', async () => {
    const port = await listen(createServer((s) => s.once('data', () => s.resetAndDestroy())));
    const s = tcpSpec({ host: '127.0.0.1', port, send: 'x', expect: 'y' });
    expect(await probe(s)).toMatchObject({ ok: false, errorClass: 'reset' });
  });

  it('reports an unknown host as a dns failure', async () => {
    const s = tcpSpec({ host: 'no-such-host.invalid', port: 80 });
    expect(await probe(s)).toMatchObject({ ok: false, errorClass: 'dns' });
  });
});

describe('tcp probe with TLS on Node', () => {
  let ca: TestCa;
  let port: number;
  beforeAll(async () => {
    ca = await makeTestCa();
    const leaf = await makeLeafCert(ca, 30);
    port = await listen(createTlsServer({ key: leaf.key, cert: leaf.cert }, (s) => keep(s).write('* OK IMAP ready\r\n')) as unknown as Server);
  });

  it('speaks TLS to a server whose certificate the test CA signed, and reads its expiry', async () => {
    const s = tcpSpec({ host: '127.0.0.1', port, tls: true, expect: '* OK' });
    const r = await createNodeProbe({ ca: ca.cert })(s);
    expect(r).toMatchObject({ ok: true, errorClass: null });
    expect(r.timings.tlsMs).not.toBeNull();
    const days = (r.certExpiresAt!.getTime() - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
    expect(judgeProbe(r, s).verdict).toBe('up');
  });

  it('is a tls failure when the CA is not trusted', async () => {
    const s = tcpSpec({ host: '127.0.0.1', port, tls: true });
    expect(await probe(s)).toMatchObject({ ok: false, errorClass: 'tls' });
  });
});
