// The Workers prober's TCP (connect() sockets) and DNS (DNS over HTTPS) types, inside workerd, against local servers.
import { describe, expect, it, inject } from 'vitest';
import { judgeProbe } from '../../src/core/verdict.js';
import { createWorkerProbe } from '../../src/probe/worker-probe.js';
import { dnsSpec, tcpSpec } from '../helpers/specs.js';

const probe = createWorkerProbe();
const tcpPort = inject('workersTcpPort');
const doh = `http://127.0.0.1:${inject('workersTargetPort')}/dns-query`;

describe('tcp probe in workerd', () => {
  it('is up when the port is open', async () => {
    const s = tcpSpec({ host: '127.0.0.1', port: tcpPort });
    const r = await probe(s);
    expect(r).toMatchObject({ ok: true, errorClass: null, statusCode: null });
    expect(judgeProbe(r, s).verdict).toBe('up');
  });

  it('reports a port nobody listens on as refused', async () => {
    const r = await probe(tcpSpec({ host: '127.0.0.1', port: inject('workersClosedPort') }));
    expect(r).toMatchObject({ ok: false, errorClass: 'refused' });
  });

  it('matches the banner and the answer to what it sends; a mismatch is an assertion failure', async () => {
    const banner = tcpSpec({ host: '127.0.0.1', port: tcpPort, expect: '220 ' });
    expect(judgeProbe(await probe(banner), banner).verdict).toBe('up');
    const ping = tcpSpec({ host: '127.0.0.1', port: tcpPort, send: 'PING\r\n', expect: '+PONG' });
    expect(judgeProbe(await probe(ping), ping).verdict).toBe('up');
    const wrong = tcpSpec({ host: '127.0.0.1', port: tcpPort, expect: 'SSH-2.0', timeoutMs: 300 });
    expect(judgeProbe(await probe(wrong), wrong)).toEqual({ verdict: 'down', errorClass: 'assertion', reason: 'answer does not contain "SSH-2.0"' });
  });
});

describe('dns probe in workerd (DNS over HTTPS to a local endpoint)', () => {
  const judge = async (dns: Parameters<typeof dnsSpec>[0]['dns'], timeoutMs = 2000) => {
    const s = dnsSpec({ dns: { resolver: doh, ...dns }, timeoutMs });
    return judgeProbe(await probe(s), s);
  };
  it('is up for the right answer, down for a wrong one', async () => {
    expect((await judge({ name: 'app.test', recordType: 'A', expect: { equals: ['192.0.2.10', '192.0.2.11'] } })).verdict).toBe('up');
    expect((await judge({ name: 'mail.test', recordType: 'MX', expect: { contains: '10 mx1.mail.test' } })).verdict).toBe('up');
    expect(await judge({ name: 'app.test', recordType: 'A', expect: { contains: '192.0.2.99' } })).toMatchObject({ verdict: 'down', errorClass: 'assertion' });
  });
  it('reports NXDOMAIN, SERVFAIL and a timeout', async () => {
    expect((await judge({ name: 'nope.test', recordType: 'A', expect: { contains: 'x' } })).errorClass).toBe('nxdomain');
    expect((await judge({ name: 'servfail.test', recordType: 'A', expect: { contains: 'x' } })).errorClass).toBe('servfail');
    expect((await judge({ name: 'slow.test', recordType: 'A', expect: { contains: 'x' } }, 300)).errorClass).toBe('timeout');
  });
});
